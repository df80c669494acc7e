package org.coloconsole.app.profile;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coloconsole.qmp.Endpoint;
import org.coloconsole.qmp.TlsFileException;
import org.coloconsole.qmp.TlsSettings;

/**
 * What is wrong with a profile's TLS files and plain-TCP choice, one sentence per field ({@code ""} when the field is
 * fine), so the dialog can show each beside its field and a stored profile can be refused before connecting.
 *
 * <p>These are the checks a form can make as the operator types: the files exist and can be read, they come in the
 * pairs TLS needs, plain TCP stays on loopback, and then — once the CA file is there — what the files hold, read by
 * the qmp layer exactly as connecting reads them ({@link TlsSettings#check()}): the CA file holds certificates, the
 * key is unencrypted PKCS#8 and belongs to the certificate. Only whether QEMU's certificate is signed by the CA and
 * issued for the host is left to connecting. Nothing read is kept: the profile holds paths only.
 *
 * @param primary   about the primary's endpoint (plain TCP to a non-loopback address)
 * @param secondary about the secondary's endpoint
 * @param ca        about the CA file, or a rule spanning the TLS fields
 * @param cert      about the client certificate file
 * @param key       about the client key file
 */
public record SecurityProblems(String primary, String secondary, String ca, String cert, String key) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    public static final String INSECURE_CHOICE = "Allow plain TCP to a non-loopback host (insecure)";

    /**
     * Checks the fields as typed; an endpoint that does not parse is left to the endpoint check and counts as neither
     * {@code tls:} nor plain TCP here.
     *
     * @param caFile   path text, blank when not given; the same for {@code certFile} and {@code keyFile}
     */
    public static SecurityProblems find(String primaryText, String secondaryText, String caFile, String certFile,
                                        String keyFile, boolean allowInsecure) {
        Optional<Endpoint> primary = parse(primaryText);
        Optional<Endpoint> secondary = parse(secondaryText);
        boolean hasCa = !blank(caFile);
        boolean hasCert = !blank(certFile);
        boolean hasKey = !blank(keyFile);

        String ca = hasCa ? fileProblem(caFile, "CA file") : "";
        String cert = hasCert ? fileProblem(certFile, "client certificate") : "";
        String key = hasKey ? fileProblem(keyFile, "client key") : "";
        if (hasCert != hasKey) {
            String unpaired = unpairedSentence(hasCert);
            if (hasCert && key.isEmpty()) {
                key = unpaired;
            } else if (hasKey && cert.isEmpty()) {
                cert = unpaired;
            }
        }
        if (hasCa && ca.isEmpty()) {
            boolean pairReadable = hasCert && hasKey && cert.isEmpty() && key.isEmpty();
            Optional<TlsFileException> deep = contentProblem(Path.of(caFile.strip()),
                    pairReadable ? Path.of(certFile.strip()) : null, pairReadable ? Path.of(keyFile.strip()) : null);
            if (deep.isPresent()) {
                String sentence = capitalise(deep.get().getMessage()) + ".";
                switch (deep.get().role()) {
                    case CA:
                        ca = sentence;
                        break;
                    case CERTIFICATE:
                        cert = sentence;
                        break;
                    default:
                        key = sentence;
                        break;
                }
            }
        }
        Optional<Endpoint> tlsEndpoint = primary.filter(e -> e instanceof Endpoint.Tls)
                .or(() -> secondary.filter(e -> e instanceof Endpoint.Tls));
        if (ca.isEmpty()) {
            if (tlsEndpoint.isPresent() && !hasCa) {
                ca = tlsEndpoint.get().text() + " needs the CA that signed QEMU's server certificate: choose the CA file.";
            } else if (tlsEndpoint.isEmpty() && primary.isPresent() && secondary.isPresent()
                    && (hasCa || hasCert || hasKey)) {
                ca = "Neither monitor is a tls: endpoint, so these TLS files would not be used: write tls:HOST:PORT"
                        + " or clear the files.";
            }
        }
        return new SecurityProblems(insecureProblem(primary, allowInsecure), insecureProblem(secondary, allowInsecure),
                ca, cert, key);
    }

    public boolean none() {
        return first().isEmpty();
    }

    /** The first problem, in field order. */
    public Optional<String> first() {
        for (String problem : new String[] {primary, secondary, ca, cert, key}) {
            if (!problem.isEmpty()) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }

    /** The qmp layer's own sentence for a certificate without its key (or the reverse), as a sentence. */
    private static String unpairedSentence(boolean certificateGiven) {
        Path placeholder = Path.of("ca.pem");
        try {
            new TlsSettings(placeholder, certificateGiven ? placeholder : null, certificateGiven ? null : placeholder);
            return "";
        } catch (IllegalArgumentException e) {
            return capitalise(e.getMessage()) + ".";
        }
    }

    /** What the qmp layer finds in the files; only run once each file exists and can be read. */
    private static Optional<TlsFileException> contentProblem(Path ca, Path cert, Path key) {
        try {
            new TlsSettings(ca, cert, key).check();
            return Optional.empty();
        } catch (TlsFileException e) {
            return Optional.of(e);
        }
    }

    private static String fileProblem(String text, String role) {
        Path file;
        try {
            file = Path.of(text.strip());
        } catch (InvalidPathException e) {
            return "The " + role + " '" + text.strip() + "' is not a valid path.";
        }
        if (!file.isAbsolute()) {
            return "Give the " + role + " as a full path (starting with /), e.g. from Browse….";
        }
        if (!Files.exists(file)) {
            return "The " + role + " " + file + " does not exist.";
        }
        if (Files.isDirectory(file)) {
            return "The " + role + " " + file + " is a directory: choose the PEM file in it.";
        }
        if (!Files.isReadable(file)) {
            return "The " + role + " " + file + " cannot be read (permission denied).";
        }
        return "";
    }

    private static String insecureProblem(Optional<Endpoint> endpoint, boolean allowInsecure) {
        if (allowInsecure || endpoint.isEmpty() || !(endpoint.get() instanceof Endpoint.Tcp tcp)
                || isLoopback(tcp.host())) {
            return "";
        }
        return tcp.text() + " is not a loopback address (only 127.0.0.0/8, ::1 and localhost are): QMP over plain"
                + " TCP gives anyone on the network full control of the VM. Use tls:"
                + tcp.text().substring("tcp:".length()) + ", or tick \"" + INSECURE_CHOICE + "\".";
    }

    /**
     * Decided without a name lookup, so it can run as the operator types: a literal address is judged by its value,
     * {@code localhost} is loopback, any other name is not (the qmp layer would have to resolve it to know).
     */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            return Integer.parseInt(v4.group(1)) == 127 && octets(v4);
        }
        if (host.contains(":")) {
            try {
                // a text with ':' is parsed as an IPv6 literal and never looked up
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean octets(Matcher v4) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(v4.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Endpoint> parse(String text) {
        if (blank(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Endpoint.parse(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String capitalise(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
