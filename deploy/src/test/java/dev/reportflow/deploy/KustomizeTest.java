package dev.reportflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reportflow.deploy.Kustomize.Rendered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kustomize subset the checks render with, on small kustomizations written here. */
class KustomizeTest {
    @TempDir
    Path dir;

    private Path write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private void base() throws IOException {
        write("base/kustomization.yaml", """
                resources: [app.yaml]
                labels:
                  - pairs: {team: reports}
                generatorOptions: {disableNameSuffixHash: true}
                configMapGenerator:
                  - name: app-config
                    literals: [A=1, B=two]
                """);
        write("base/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      containers:
                        - name: app
                          image: reportflow/app:latest
                          env: [{name: X, value: "1"}, {name: Y, value: "2"}]
                        - name: sidecar
                          image: busybox:1
                      volumes: [{name: tmp, emptyDir: {}}]
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec: {items: [a, b], nested: {keep: 1, change: 1}}
                """);
    }

    @Test
    void overlayPatchesGeneratesAndTransforms() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                namespace: team-a
                resources: [../base]
                images:
                  - {name: reportflow/app, newName: registry.example.com/reportflow/app, newTag: "2.0"}
                generatorOptions: {disableNameSuffixHash: true}
                configMapGenerator:
                  - name: app-config
                    behavior: merge
                    literals: [B=three]
                secretGenerator:
                  - name: creds
                    envs: [creds.env]
                patches:
                  - path: patch.yaml
                """);
        write("overlay/creds.env.example", "# comment\nPASSWORD=example\n");
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          env: [{name: Y, value: "3"}, {name: Z, value: "4"}]
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec: {items: [c], nested: {change: 2}}
                """);
        Rendered r = Kustomize.render(dir.resolve("overlay"));
        var app = r.find("Deployment", "app").body();
        assertThat(app.at("/metadata/namespace").asText()).isEqualTo("team-a");
        assertThat(app.at("/metadata/labels/team").asText()).isEqualTo("reports");
        assertThat(app.at("/spec/replicas").asInt()).isEqualTo(2);
        // containers and env merge by name in built-in kinds
        assertThat(app.at("/spec/template/spec/containers").size()).isEqualTo(2);
        assertThat(app.at("/spec/template/spec/containers/0/env").toString()).isEqualTo(
                "[{\"name\":\"X\",\"value\":\"1\"},{\"name\":\"Y\",\"value\":\"3\"},{\"name\":\"Z\",\"value\":\"4\"}]");
        assertThat(app.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.example.com/reportflow/app:2.0");
        assertThat(app.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("busybox:1");
        // lists of custom resources are replaced, maps merged
        var w = r.find("Widget", "w").body();
        assertThat(w.at("/spec/items").toString()).isEqualTo("[\"c\"]");
        assertThat(w.at("/spec/nested").toString()).isEqualTo("{\"keep\":1,\"change\":2}");
        assertThat(r.find("ConfigMap", "app-config").body().at("/data").toString()).isEqualTo("{\"A\":\"1\",\"B\":\"three\"}");
        String pw = r.find("Secret", "creds").body().at("/data/PASSWORD").asText();
        assertThat(new String(Base64.getDecoder().decode(pw), StandardCharsets.UTF_8)).isEqualTo("example");
        assertThat(r.examplesUsed()).containsExactly(dir.resolve("overlay/creds.env.example").toAbsolutePath().normalize());
    }

    @Test
    void realEnvFileWinsOverItsExample() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                resources: [../base]
                generatorOptions: {disableNameSuffixHash: true}
                secretGenerator: [{name: creds, envs: [creds.env]}]
                """);
        write("overlay/creds.env.example", "PASSWORD=example\n");
        write("overlay/creds.env", "PASSWORD=real\n");
        Rendered r = Kustomize.render(dir.resolve("overlay"));
        assertThat(r.find("Secret", "creds").body().at("/data/PASSWORD").asText()).isEqualTo(Base64.getEncoder().encodeToString("real".getBytes()));
        assertThat(r.examplesUsed()).isEmpty();
    }

    @Test
    void refusesWhatItDoesNotImplement() throws IOException {
        base();
        write("overlay/kustomization.yaml", "resources: [../base]\nnamePrefix: dev-\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay"))).hasMessageContaining("unsupported kustomization field 'namePrefix'");
        write("overlay/kustomization.yaml", "resources: [../base]\nconfigMapGenerator: [{name: x, literals: [A=1]}]\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay"))).hasMessageContaining("disableNameSuffixHash");
    }

    @Test
    void patchWithoutTargetFails() throws IOException {
        base();
        write("overlay/kustomization.yaml", "resources: [../base]\npatches: [{path: p.yaml}]\n");
        write("overlay/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: other}\nspec: {replicas: 1}\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay"))).hasMessageContaining("patch target Deployment/other not found");
    }

    @Test
    void missingResourceFails() throws IOException {
        write("k/kustomization.yaml", "resources: [nothere.yaml]\n");
        assertThatThrownBy(() -> Kustomize.render(dir.resolve("k"))).hasMessageContaining("resource not found: nothere.yaml");
    }
}
