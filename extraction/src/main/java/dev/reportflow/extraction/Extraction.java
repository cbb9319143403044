package dev.reportflow.extraction;

import java.util.List;

/** Everything extracted from one report. */
public record Extraction(String extractorVersion, ReportInfo report, List<Section> sections, List<Indicator> indicators) {}
