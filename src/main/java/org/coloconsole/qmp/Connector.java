package org.coloconsole.qmp;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Opens a {@link Transport} to an {@link Endpoint}, classifying failures so callers can tell dead from unreachable. */
final class Connector {
    private Connector() {
    }

    /**
     * Opens a connection; for {@code tls:} also completes the TLS handshake within the handshake timeout. Plain TCP to
     * a non-loopback address is refused here, before any packet is sent, unless the options allow it.
     *
     * @param watchdog closes a UNIX connect that outlives the connect timeout: such a connect blocks for ever when the
     *                 monitor's listen queue is full (a stopped QEMU, a monitor held by another client)
     */
    static Transport open(Endpoint endpoint, QmpClientOptions options, ScheduledExecutorService watchdog)
            throws QmpConnectException {
        if (endpoint instanceof Endpoint.Tcp tcp) {
            InetAddress address = resolve(tcp, tcp.host());
            if (!options.allowInsecure() && !address.isLoopbackAddress()) {
                throw new QmpConnectException(tcp, QmpConnectException.Reason.REJECTED, insecure(tcp), null);
            }
            Socket socket = connect(tcp, address, tcp.port(), options.connectTimeout());
            try {
                return SocketTransport.plain(socket);
            } catch (IOException e) {
                closeQuietly(socket);
                throw new QmpConnectException(tcp, QmpConnectException.Reason.IO,
                        "could not connect to " + tcp.text() + ": " + e.getMessage(), e);
            }
        }
        if (endpoint instanceof Endpoint.Tls tls) {
            return openTls(tls, options);
        }
        return openUnix((Endpoint.Unix) endpoint, options.connectTimeout(), watchdog);
    }

    static String insecure(Endpoint.Tcp tcp) {
        return tcp.text() + " is not a loopback address: QMP over plain TCP gives anyone on the network full control"
                + " of the VM. Use tls:" + tcp.text().substring("tcp:".length()) + ", or "
                + SecurityRemedy.ALLOW_INSECURE.phrase() + ".";
    }

    private static Transport openTls(Endpoint.Tls tls, QmpClientOptions options) throws QmpConnectException {
        if (options.tls().isEmpty()) {
            throw new QmpConnectException(tls, QmpConnectException.Reason.REJECTED, tls.text()
                    + " needs a CA to check QEMU's server certificate with: " + SecurityRemedy.GIVE_CA.phrase() + ".",
                    null);
        }
        TlsSettings settings = options.tls().get();
        SSLContext context;
        try {
            context = TlsContexts.create(settings);
        } catch (TlsFileException e) {
            throw new QmpConnectException(tls, QmpConnectException.Reason.REJECTED,
                    "cannot connect to " + tls.text() + ": " + e.getMessage(), e);
        }
        Socket plain = connect(tls, resolve(tls, tls.host()), tls.port(), options.connectTimeout());
        SSLSocket socket = null;
        try {
            socket = (SSLSocket) context.getSocketFactory().createSocket(plain, tls.host(), tls.port(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            // the handshake's reads are bounded here; after it, QmpClient's own watchdog bounds the greeting
            socket.setSoTimeout(Math.toIntExact(options.handshakeTimeout().toMillis()));
            socket.startHandshake();
            socket.setSoTimeout(0);
            return SocketTransport.tls(plain, socket);
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            throw new QmpConnectException(tls, QmpConnectException.Reason.NO_GREETING, tls.text()
                    + " accepted the connection but did not complete the TLS handshake within "
                    + options.handshakeTimeout().toMillis() + " ms (is QEMU stopped or hung?)", e);
        } catch (SSLException e) {
            closeQuietly(plain);
            throw TlsFailures.describe(tls, settings, e);
        } catch (IOException e) {
            closeQuietly(plain);
            throw new QmpConnectException(tls, QmpConnectException.Reason.IO,
                    "the TLS handshake with " + tls.text() + " failed: " + e.getMessage(), e);
        }
    }

    private static InetAddress resolve(Endpoint endpoint, String host) throws QmpConnectException {
        try {
            // a literal address is parsed, not looked up: the loopback rule sends nothing for 192.0.2.1
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new QmpConnectException(endpoint, QmpConnectException.Reason.IO,
                    "host '" + host + "' of " + endpoint.text() + " is unknown", e);
        }
    }

    private static Socket connect(Endpoint target, InetAddress address, int port, Duration timeout)
            throws QmpConnectException {
        Socket socket = new Socket();
        String text = target.text();
        try {
            // QMP is request/response with small messages: Nagle plus delayed ACK costs ~40 ms a round trip
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), Math.toIntExact(timeout.toMillis()));
            return socket;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new QmpConnectException(target, QmpConnectException.Reason.CONNECT_TIMEOUT,
                    text + " did not accept a connection within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            closeQuietly(socket);
            // over TCP a refusal may come from a firewall as well as from an empty port: say only what was seen
            throw new QmpConnectException(target, QmpConnectException.Reason.REFUSED,
                    text + " refused the connection", e);
        } catch (NoRouteToHostException e) {
            closeQuietly(socket);
            throw new QmpConnectException(target, QmpConnectException.Reason.CONNECT_TIMEOUT,
                    "no route to " + text, e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new QmpConnectException(target, QmpConnectException.Reason.IO,
                    "could not connect to " + text + ": " + e.getMessage(), e);
        }
    }

    private static Transport openUnix(Endpoint.Unix unix, Duration timeout, ScheduledExecutorService watchdog)
            throws QmpConnectException {
        SocketChannel channel = null;
        ScheduledFuture<?> deadline = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            SocketChannel connecting = channel;
            deadline = watchdog.schedule(() -> closeQuietly(connecting), timeout.toMillis(), TimeUnit.MILLISECONDS);
            channel.connect(UnixDomainSocketAddress.of(unix.path()));
            deadline.cancel(false);
            if (!channel.isOpen()) {
                throw new AsynchronousCloseException();
            }
            return new ChannelTransport(channel);
        } catch (ClosedChannelException e) {
            closeQuietly(channel);
            throw new QmpConnectException(unix, QmpConnectException.Reason.CONNECT_TIMEOUT, unix.text()
                    + " did not accept a connection within " + timeout.toMillis()
                    + " ms (its listen queue is full: QEMU stopped, or the monitor is busy)", e);
        } catch (ConnectException | NoSuchFileException e) {
            closeQuietly(channel);
            deadline.cancel(false);
            throw new QmpConnectException(unix, QmpConnectException.Reason.REFUSED,
                    "nothing is listening on " + unix.text() + " (" + refusalDetail(e) + ")", e);
        } catch (IOException e) {
            closeQuietly(channel);
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (!Files.exists(unix.path())) {
                throw new QmpConnectException(unix, QmpConnectException.Reason.REFUSED,
                        "nothing is listening on " + unix.text() + " (the socket file does not exist)", e);
            }
            throw new QmpConnectException(unix, QmpConnectException.Reason.IO,
                    "could not connect to " + unix.text() + ": " + e.getMessage(), e);
        }
    }

    private static String refusalDetail(IOException e) {
        return e instanceof NoSuchFileException ? "the socket file does not exist" : "connection refused";
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing more to do for a socket that never connected
        }
    }
}
