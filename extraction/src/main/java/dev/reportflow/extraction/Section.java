package dev.reportflow.extraction;

/** One outline node. Offsets are UTF-16 indices into the decoded text, end exclusive. */
public record Section(
        String id,
        String parent,
        int level,
        String number,
        String title,
        String category,
        int start,
        int end) {}
