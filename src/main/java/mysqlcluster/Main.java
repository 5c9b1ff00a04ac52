package mysqlcluster;

import com.pulumi.Pulumi;
import java.nio.file.Path;
import java.util.Arrays;
import mysqlcluster.render.DiffCommand;
import mysqlcluster.render.RenderCommand;

/** Entry point of the jar: with no arguments the Pulumi program (as `pulumi up` runs it), `render` or `diff`. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("render")) {
            int code = RenderCommand.run(Arrays.asList(args).subList(1, args.length), Path.of(""), System::getenv,
                    System.out, System.err);
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("diff")) {
            System.exit(DiffCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0) {
            System.err.println("unknown command \"" + args[0] + "\"\n" + RenderCommand.USAGE + "\n" + DiffCommand.USAGE
                    + "\n(without arguments the jar is the Pulumi program that `pulumi up` runs)");
            System.exit(2);
        }
        Pulumi.run(Program::stack);
    }
}
