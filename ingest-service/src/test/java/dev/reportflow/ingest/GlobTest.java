package dev.reportflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void patternWithoutSlashMatchesTheFileNameAtAnyDepth() {
        Glob g = Glob.of("*.txt");
        assertThat(g.matches("a.txt")).isTrue();
        assertThat(g.matches("2023/beijing/a.txt")).isTrue();
        assertThat(g.matches("a.txt.bak")).isFalse();
        assertThat(g.matches("a.html")).isFalse();
    }

    @Test
    void starStaysInOneSegmentAndDoubleStarCrossesThem() {
        assertThat(Glob.of("2023/*.txt").matches("2023/a.txt")).isTrue();
        assertThat(Glob.of("2023/*.txt").matches("2023/x/a.txt")).isFalse();
        assertThat(Glob.of("2023/**").matches("2023/x/y/a.txt")).isTrue();
        assertThat(Glob.of("**/drafts/**").matches("drafts/a.txt")).isTrue();
        assertThat(Glob.of("**/drafts/**").matches("2023/drafts/a.txt")).isTrue();
        assertThat(Glob.of("**/drafts/**").matches("2023/final/a.txt")).isFalse();
        assertThat(Glob.of("**").matches("a")).isTrue();
    }

    @Test
    void alternativesClassesAndQuestionMark() {
        assertThat(Glob.of("*.{txt,md}").matches("x/a.md")).isTrue();
        assertThat(Glob.of("*.{txt,md}").matches("x/a.htm")).isFalse();
        assertThat(Glob.of("report-?.txt").matches("report-1.txt")).isTrue();
        assertThat(Glob.of("report-?.txt").matches("report-12.txt")).isFalse();
        assertThat(Glob.of("[!_]*.txt").matches("_x.txt")).isFalse();
        assertThat(Glob.of("[!_]*.txt").matches("x.txt")).isTrue();
        assertThat(Glob.of("a+b(1).txt").matches("a+b(1).txt")).isTrue(); // regex metacharacters are literal
    }

    @Test
    void keyFilterAppliesIncludesExcludesTempNamesAndReservedFolders() {
        KeyFilter f = new KeyFilter(List.of("*.txt", "*.html"), List.of("drafts/**"), List.of("_rejected/", "rejected/"));
        assertThat(f.accepts("2023/a.txt")).isTrue();
        assertThat(f.accepts("2023/a.html")).isTrue();
        assertThat(f.accepts("2023/a.md")).isFalse();
        assertThat(f.accepts("drafts/a.txt")).isFalse();
        assertThat(f.accepts("_rejected/a.txt")).isFalse();
        assertThat(f.accepts("rejected/a.txt")).isFalse();
        assertThat(f.accepts("x/_rejected/a.txt")).isTrue(); // only the source root's folder is reserved
        assertThat(f.accepts("a.txt.part")).isFalse();
        assertThat(f.accepts("a.txt.tmp")).isFalse();
        assertThat(f.accepts(".a.txt")).isFalse();
        assertThat(f.accepts(".cache/a.txt")).isFalse();
        assertThat(f.skipsDirectory("_rejected")).isTrue();
        assertThat(f.skipsDirectory(".git")).isTrue();
        assertThat(f.skipsDirectory("2023")).isFalse();
    }

    @Test
    void emptyIncludesMeanEverything() {
        KeyFilter f = new KeyFilter(List.of(), List.of(), List.of());
        assertThat(f.accepts("a/b/c.bin")).isTrue();
        assertThat(f.accepts("a/")).isFalse();
    }

    @Test
    void temporaryNamesOfAFinalName() {
        assertThat(DirectorySource.temporaryNamesOf("a.txt"))
                .contains("a.txt.part", "a.txt.tmp", ".a.txt", ".a.txt.part")
                .doesNotContain("a.txt");
    }
}
