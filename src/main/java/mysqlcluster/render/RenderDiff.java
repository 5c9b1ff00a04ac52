package mysqlcluster.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The difference between two renders as Markdown for a pull-request comment: a summary line, then a unified diff of
 * each changed object, each added object's YAML folded away, each removed object's name. Secret values are masked
 * ({@link SecretMasking}) before anything is compared or printed.
 */
public final class RenderDiff {
    /** GitHub refuses a comment over 65536 characters; this leaves room for what a workflow puts around it. */
    static final int LIMIT = 60_000;
    static final String NO_CHANGES = "No changes.";
    static final String TRUNCATED = "_The diff was truncated to fit a pull-request comment. For the full diff, render both "
            + "sides and run `java -jar target/mysql-cluster.jar diff BEFORE AFTER`._\n";
    private static final int CONTEXT_LINES = 3;

    private RenderDiff() {
    }

    /**
     * One object's part of the comment: a heading, optionally a fenced block (the part that is cut when the comment
     * is too long) and what follows the block.
     */
    private record Section(String heading, String fence, List<String> block, String after) {
        static Section changed(String title, List<String> diff) {
            return new Section("#### " + title + "\n\n", "```diff", diff, "");
        }

        static Section added(ObjectKey key, Map<String, Object> manifest) {
            List<String> yaml = yaml(SecretMasking.mask(null, manifest).after()).lines().toList();
            return new Section("#### Added: " + key.label() + "\n\n<details><summary>YAML</summary>\n\n", "```yaml", yaml,
                    "\n</details>\n");
        }

        static Section removed(ObjectKey key) {
            return new Section("#### Removed: " + key.label() + "\n", "", null, "");
        }

        String markdown(List<String> lines) {
            var text = new StringBuilder(heading);
            if (block != null) {
                text.append(fence).append('\n');
                lines.forEach(line -> text.append(line).append('\n'));
                text.append("```\n");
            }
            return text.append(after).toString();
        }

        int blockLength() {
            return block == null ? 0 : length(block);
        }
    }

    public static String markdown(List<Map<String, Object>> before, List<Map<String, Object>> after) {
        Map<ObjectKey, Map<String, Object>> removed = index(before);
        Map<ObjectKey, Map<String, Object>> added = index(after);
        var sections = new ArrayList<Section>();
        int unchanged = 0;
        for (ObjectKey key : List.copyOf(added.keySet())) {
            if (removed.containsKey(key)) {
                List<String> diff = diff(removed.remove(key), added.remove(key));
                if (diff.isEmpty()) {
                    unchanged++;
                } else {
                    sections.add(Section.changed(key.label(), diff));
                }
            }
        }
        renames(removed.keySet(), added.keySet()).forEach((from, to) -> sections.add(Section.changed(
                from.kind() + (from.namespace().isEmpty() ? "" : " " + from.namespace()) + ": renamed from "
                        + from.name() + " to " + to.name(), diff(removed.remove(from), added.remove(to)))));
        int changed = sections.size();
        added.forEach((key, manifest) -> sections.add(Section.added(key, manifest)));
        removed.forEach((key, manifest) -> sections.add(Section.removed(key)));

        if (sections.isEmpty()) {
            return NO_CHANGES + "\n";
        }
        String summary = changed + " changed, " + added.size() + " added, " + removed.size() + " removed, " + unchanged
                + " unchanged\n";
        return fit(summary, sections);
    }

    /** The objects of one side by key, in their order; an object twice is an error, since one would hide the other. */
    static Map<ObjectKey, Map<String, Object>> index(List<Map<String, Object>> manifests) {
        var byKey = new LinkedHashMap<ObjectKey, Map<String, Object>>();
        for (Map<String, Object> manifest : manifests) {
            ObjectKey key = ObjectKey.of(manifest);
            if (byKey.put(key, manifest) != null) {
                throw new IllegalArgumentException(key.label() + " appears twice");
            }
        }
        return byKey;
    }

    /**
     * Removed and added objects that are one content-named object renamed (e.g. ConfigMap mysql-0123abcdef to
     * mysql-fedcba9876): those alone with their rename key on each side. From removed key to added key.
     */
    private static Map<ObjectKey, ObjectKey> renames(Iterable<ObjectKey> removed, Iterable<ObjectKey> added) {
        Map<ObjectKey, List<ObjectKey>> removedByBase = byRenameKey(removed);
        var renames = new LinkedHashMap<ObjectKey, ObjectKey>();
        byRenameKey(added).forEach((base, to) -> {
            List<ObjectKey> from = removedByBase.getOrDefault(base, List.of());
            if (from.size() == 1 && to.size() == 1) {
                renames.put(from.get(0), to.get(0));
            }
        });
        return renames;
    }

    private static Map<ObjectKey, List<ObjectKey>> byRenameKey(Iterable<ObjectKey> keys) {
        var groups = new LinkedHashMap<ObjectKey, List<ObjectKey>>();
        keys.forEach(key -> groups.computeIfAbsent(key.renameKey(), k -> new ArrayList<>()).add(key));
        return groups;
    }

    /** The unified diff of one object's YAML, Secret values masked; empty when the texts are the same. */
    private static List<String> diff(Map<String, Object> before, Map<String, Object> after) {
        SecretMasking.Sides masked = SecretMasking.mask(before, after);
        List<String> beforeLines = yaml(masked.before()).lines().toList();
        List<String> afterLines = yaml(masked.after()).lines().toList();
        return UnifiedDiffUtils.generateUnifiedDiff("before", "after", beforeLines,
                DiffUtils.diff(beforeLines, afterLines), CONTEXT_LINES);
    }

    private static String yaml(Map<String, Object> manifest) {
        try {
            String text = RenderCommand.toYaml(Manifests.canonical(manifest));
            return text.startsWith("---\n") ? text.substring(4) : text;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The comment, within {@link #LIMIT}: when too long, every block longer than an equal share of the room left is
     * cut to that share (shorter blocks stay whole and leave their unused share to the others).
     */
    private static String fit(String summary, List<Section> sections) {
        String full = summary + "\n" + sections.stream().map(s -> s.markdown(s.block()))
                .collect(Collectors.joining("\n"));
        if (full.length() <= LIMIT) {
            return full;
        }
        int blocks = (int) sections.stream().filter(s -> s.block() != null).count();
        int markerRoom = 40; // the "… N more lines not shown" line a cut block ends with
        int room = LIMIT - (full.length() - sections.stream().mapToInt(Section::blockLength).sum())
                - TRUNCATED.length() - 1 - blocks * markerRoom;
        int cap = cap(sections.stream().filter(s -> s.block() != null).map(Section::blockLength).sorted().toList(), room);
        return summary + "\n" + sections.stream().map(s -> s.markdown(s.block() == null ? null : cut(s.block(), cap)))
                .collect(Collectors.joining("\n")) + "\n" + TRUNCATED;
    }

    /** The largest length each block may keep so that all of them (lengths ascending) fit in {@code room}. */
    private static int cap(List<Integer> ascendingLengths, int room) {
        int left = Math.max(room, 0);
        for (int i = 0; i < ascendingLengths.size(); i++) {
            int share = left / (ascendingLengths.size() - i);
            if (ascendingLengths.get(i) > share) {
                return share;
            }
            left -= ascendingLengths.get(i);
        }
        return Integer.MAX_VALUE;
    }

    /** The lines that fit in {@code cap}; a diff is cut before a hunk, so no change shows without its other half. */
    private static List<String> cut(List<String> lines, int cap) {
        if (length(lines) <= cap) {
            return lines;
        }
        int kept = 0;
        int used = 0;
        while (used + lines.get(kept).length() + 1 <= cap) {
            used += lines.get(kept++).length() + 1;
        }
        int hunk = kept;
        while (hunk > 0 && !lines.get(hunk).startsWith("@@ ")) {
            hunk--;
        }
        boolean aWholeHunkFits = hunk > 0 && lines.subList(0, hunk).stream().anyMatch(l -> l.startsWith("@@ "));
        var shown = new ArrayList<>(lines.subList(0, aWholeHunkFits ? hunk : kept));
        shown.add("… " + (lines.size() - shown.size()) + " more lines not shown");
        return shown;
    }

    private static int length(List<String> lines) {
        return lines.stream().mapToInt(line -> line.length() + 1).sum();
    }
}
