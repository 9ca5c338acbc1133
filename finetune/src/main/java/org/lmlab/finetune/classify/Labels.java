package org.lmlab.finetune.classify;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The label names of a classification task, sorted, so that class id {@code i} is the
 * {@code i}-th name in sorted order whatever order the file lists them in
 * ({@code ham} = 0, {@code spam} = 1).
 */
public record Labels(List<String> names) {

    public Labels {
        names = List.copyOf(names);
        if (names.size() < 2) {
            throw new IllegalArgumentException("labels: a classifier needs at least 2 labels, got " + names);
        }
        if (!names.equals(List.copyOf(new TreeSet<>(names)))) {
            throw new IllegalArgumentException("labels: must be distinct and sorted, got " + names);
        }
    }

    /** The sorted distinct labels of these items. */
    public static Labels of(List<LabelledItem> items) {
        TreeSet<String> distinct = new TreeSet<>();
        items.forEach(item -> distinct.add(item.label()));
        return new Labels(List.copyOf(distinct));
    }

    /** Number of classes. */
    public int size() {
        return names.size();
    }

    /** The class id of a label. */
    public int id(String label) {
        int id = names.indexOf(label);
        if (id < 0) {
            throw new IllegalArgumentException("unknown label '" + label + "'; known: " + String.join(", ", names));
        }
        return id;
    }

    /** The label of a class id. */
    public String name(int id) {
        return names.get(id);
    }

    /** Label to id, in label order (what the split files' {@code splits.json} records). */
    public Map<String, Integer> ids() {
        Map<String, Integer> ids = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            ids.put(names.get(i), i);
        }
        return ids;
    }
}
