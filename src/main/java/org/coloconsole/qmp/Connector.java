package org.coloconsole.qmp;

import java.io.IOException;
import java.net.ConnectException;
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
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Opens a {@link Transport} to an {@link Endpoint}, classifying failures so callers can tell dead from unreachable. */
final class Connector {
    private Connector() {
    }

    /**
     * @param watchdog closes a UNIX connect that outlives {@code timeout}: such a connect blocks for ever when the
     *                 monitor's listen queue is full (a stopped QEMU, a monitor held by another client)
     */
    static Transport open(Endpoint endpoint, Duration timeout, ScheduledExecutorService watchdog)
            throws QmpConnectException {
        if (endpoint instanceof Endpoint.Tcp tcp) {
            return openTcp(tcp, timeout);
        }
        return openUnix((Endpoint.Unix) endpoint, timeout, watchdog);
    }

    private static Transport openTcp(Endpoint.Tcp tcp, Duration timeout) throws QmpConnectException {
        Socket socket = new Socket();
        try {
            // QMP is request/response with small messages: Nagle plus delayed ACK costs ~40 ms a round trip
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(tcp.host(), tcp.port()), Math.toIntExact(timeout.toMillis()));
            return new SocketTransport(socket);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new QmpConnectException(tcp, QmpConnectException.Reason.CONNECT_TIMEOUT,
                    tcp.text() + " did not accept a connection within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new QmpConnectException(tcp, QmpConnectException.Reason.REFUSED,
                    "nothing is listening on " + tcp.text() + " (connection refused)", e);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new QmpConnectException(tcp, QmpConnectException.Reason.IO,
                    "host '" + tcp.host() + "' of " + tcp.text() + " is unknown", e);
        } catch (NoRouteToHostException e) {
            closeQuietly(socket);
            throw new QmpConnectException(tcp, QmpConnectException.Reason.CONNECT_TIMEOUT,
                    "no route to " + tcp.text(), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new QmpConnectException(tcp, QmpConnectException.Reason.IO,
                    "could not connect to " + tcp.text() + ": " + e.getMessage(), e);
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
            if (!java.nio.file.Files.exists(unix.path())) {
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

    private static void closeQuietly(java.io.Closeable closeable) {
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
