package dev.hookline.server.portal.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal page's files, read from the classpath once at start-up and each named by its content hash
 * ({@code app.3f9c0a1b2c4d.js}), so a browser may keep an asset forever and a new release is fetched at once.
 *
 * <p>{@code portal/assets.txt} lists the assets in dependency order; a module refers to an earlier one as
 * {@code "./name.js"} and {@code index.html} as {@code "assets/name.js"}, and those references are rewritten to the
 * hashed names before the referring file is hashed itself. No build step beyond the JDK: the same happens in tests.
 */
public final class PortalAssets {
    /** Where the page lives on the classpath. */
    public static final String ROOT = "portal/";

    private static final Pattern MODULE_REFERENCE =
            Pattern.compile("(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)\"\\./([^\"]+)\"");
    private static final Pattern PAGE_REFERENCE = Pattern.compile("(?:src|href)=\"assets/([^\"]+)\"");

    /** One served file: its hashed name, media type, bytes, and the entity tag for revalidation. */
    public record Asset(String name, String contentType, byte[] body, String etag) {}

    private final Map<String, Asset> byName;
    private final Asset index;

    private PortalAssets(Map<String, Asset> byName, Asset index) {
        this.byName = Map.copyOf(byName);
        this.index = index;
    }

    /** The page as the jar (or the test classpath) holds it. */
    public static PortalAssets fromClasspath() {
        ClassLoader loader = PortalAssets.class.getClassLoader();
        return load(path -> {
            try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
                if (in == null) {
                    throw new IllegalStateException("the portal page's " + ROOT + path + " is missing from the "
                            + "classpath (vendor files are unpacked by the server module's build)");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The page from {@code read}, which answers a path under {@link #ROOT}. */
    static PortalAssets load(Function<String, byte[]> read) {
        List<String> sources = new String(read.apply("assets.txt"), StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        Map<String, String> hashedNames = new LinkedHashMap<>(); // base name -> hashed name
        Map<String, Asset> byName = new LinkedHashMap<>();
        for (String source : sources) {
            String base = source.substring(source.lastIndexOf('/') + 1);
            if (hashedNames.containsKey(base)) {
                throw new IllegalStateException("two portal assets are called " + base);
            }
            byte[] body = read.apply(source);
            if (isText(base)) {
                body = rewrite(new String(body, StandardCharsets.UTF_8), MODULE_REFERENCE, "./", hashedNames, base)
                        .getBytes(StandardCharsets.UTF_8);
            }
            String hash = hash(body);
            int dot = base.lastIndexOf('.');
            String hashed = base.substring(0, dot) + "." + hash.substring(0, 12) + base.substring(dot);
            hashedNames.put(base, hashed);
            byName.put(hashed, new Asset(hashed, contentType(base), body, "\"" + hash + "\""));
        }
        String page = rewrite(
                new String(read.apply("index.html"), StandardCharsets.UTF_8),
                PAGE_REFERENCE,
                "assets/",
                hashedNames,
                "index.html");
        byte[] pageBytes = page.getBytes(StandardCharsets.UTF_8);
        Asset index = new Asset("index.html", contentType("index.html"), pageBytes, "\"" + hash(pageBytes) + "\"");
        return new PortalAssets(byName, index);
    }

    /** Points every reference of {@code text} at the hashed name of an asset listed before it. */
    private static String rewrite(
            String text, Pattern references, String prefix, Map<String, String> hashedNames, String file) {
        Matcher m = references.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String target = m.group(1);
            String hashed = hashedNames.get(target);
            if (hashed == null) {
                throw new IllegalStateException("portal asset " + file + " refers to " + prefix + target
                        + ", which is not listed before it in " + ROOT + "assets.txt");
            }
            String whole = m.group();
            int at = m.start(1) - m.start();
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement(whole.substring(0, at) + hashed + whole.substring(at + target.length())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isText(String name) {
        return name.endsWith(".js") || name.endsWith(".css");
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            default -> "application/octet-stream";
        };
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Asset index() {
        return index;
    }

    /** The asset of that hashed name; a stale or made-up name finds nothing. */
    public Optional<Asset> asset(String hashedName) {
        return Optional.ofNullable(byName.get(hashedName));
    }

    public Collection<Asset> assets() {
        return new ArrayList<>(byName.values());
    }
}
