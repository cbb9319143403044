package dev.reportflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Decides whether the jars {@code ./pipeline} runs must be rebuilt: a module is stale when its artifact is missing,
 * or when any file under {@code src/main} or any {@code pom.xml} of the module, of a ReportFlow module it depends
 * on (transitively, test scope excluded), or of the parent is newer than the artifact. Cheap: a walk over a few
 * hundred source files' timestamps, no Maven.
 */
public final class Staleness {
    private Staleness() {}

    static final String GROUP_ID = "dev.reportflow";

    /** The file of {@code module} that the launcher runs. */
    public static Path artifact(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        return switch (module) {
            case "devstack" -> target.resolve("devstack.jar");
            case "launcher" -> target.resolve("launcher.jar");
            case "ingest-service", "extract-service", "metrics-service" ->
                    target.resolve("quarkus-app").resolve("quarkus-run.jar");
            default -> target.resolve(module + "-" + projectVersion(root) + ".jar");
        };
    }

    /** The modules among {@code modules} whose artifact must be rebuilt, in the given order. */
    public static List<String> stale(Path root, Collection<String> modules) {
        List<String> out = new ArrayList<>();
        for (String m : modules) {
            if (newerInput(root, m).isPresent()) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Why {@code module} is stale: the artifact itself when missing, else the first input newer than it;
     * empty when it is up to date.
     */
    public static Optional<Path> newerInput(Path root, String module) {
        Path artifact = artifact(root, module);
        if (!Files.isRegularFile(artifact)) {
            return Optional.of(artifact);
        }
        FileTime built = mtime(artifact);
        for (Path input : inputs(root, module)) {
            Optional<Path> newer = firstNewer(input, built);
            if (newer.isPresent()) {
                return newer;
            }
        }
        return Optional.empty();
    }

    /** The files and directories whose content goes into {@code module}'s artifact. */
    static List<Path> inputs(Path root, String module) {
        List<Path> inputs = new ArrayList<>();
        inputs.add(root.resolve("pom.xml"));
        for (String m : closure(root, module)) {
            inputs.add(root.resolve(m).resolve("pom.xml"));
            inputs.add(root.resolve(m).resolve("src").resolve("main"));
        }
        return inputs;
    }

    /** {@code module} and every ReportFlow module it needs at compile or run time, transitively. */
    static Set<String> closure(Path root, String module) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(module));
        while (!todo.isEmpty()) {
            String m = todo.remove(todo.size() - 1);
            if (seen.add(m)) {
                todo.addAll(reactorDependencies(root.resolve(m).resolve("pom.xml")));
            }
        }
        return seen;
    }

    /** The ReportFlow artifacts a pom depends on outside test scope (artifactId = module directory). */
    static List<String> reactorDependencies(Path pom) {
        Element project = parse(pom).getDocumentElement();
        List<String> deps = new ArrayList<>();
        Element dependencies = child(project, "dependencies");
        if (dependencies == null) {
            return deps;
        }
        for (Node n = dependencies.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element d) || !d.getTagName().equals("dependency")) {
                continue;
            }
            String group = text(d, "groupId");
            String scope = text(d, "scope");
            String type = text(d, "type");
            boolean ours = GROUP_ID.equals(group) || "${project.groupId}".equals(group);
            if (ours && !"test".equals(scope) && (type == null || type.equals("jar"))) {
                deps.add(text(d, "artifactId"));
            }
        }
        return deps;
    }

    static String projectVersion(Path root) {
        String v = text(parse(root.resolve("pom.xml")).getDocumentElement(), "version");
        if (v == null) {
            throw new IllegalStateException(root.resolve("pom.xml") + " has no <version>");
        }
        return v;
    }

    private static Optional<Path> firstNewer(Path input, FileTime than) {
        if (!Files.exists(input)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(input)) {
            return files.filter(Files::isRegularFile).filter(f -> mtime(f).compareTo(than) > 0).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document parse(Path pom) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String tag) {
        Element e = child(parent, tag);
        return e == null ? null : e.getTextContent().strip();
    }
}
