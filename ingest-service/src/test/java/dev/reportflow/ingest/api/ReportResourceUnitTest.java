package dev.reportflow.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.ingest.UploadService;
import org.junit.jupiter.api.Test;

class ReportResourceUnitTest {
    @Test
    void fileNameFromContentDisposition() {
        assertThat(ReportResource.dispositionFileName("attachment; filename=\"a b.txt\"")).isEqualTo("a b.txt");
        assertThat(ReportResource.dispositionFileName("attachment; filename=plain.txt")).isEqualTo("plain.txt");
        assertThat(ReportResource.dispositionFileName("attachment; filename*=UTF-8''%E6%B3%95%E6%B2%BB.txt"))
                .isEqualTo("法治.txt");
        assertThat(ReportResource.dispositionFileName("inline")).isNull();
        assertThat(ReportResource.dispositionFileName(null)).isNull();
    }

    @Test
    void uploadNamesLoseTheirDirectories() {
        assertThat(UploadService.safeFileName("../../etc/passwd.txt")).isEqualTo("passwd.txt");
        assertThat(UploadService.safeFileName("C:\\reports\\a.txt")).isEqualTo("a.txt");
        assertThat(UploadService.safeFileName("..")).isNull();
        assertThat(UploadService.safeFileName("dir/")).isNull();
        assertThat(UploadService.safeFileName("a\nb.txt")).isNull();
    }
}
