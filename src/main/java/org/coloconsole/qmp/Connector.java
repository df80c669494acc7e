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
import java.nio.channels.SocketChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/** Opens a {@link Transport} to an {@link Endpoint}, classifying failures so callers can tell dead from unreachable. */
final class Connector {
    private Connector() {
    }

    static Transport open(Endpoint endpoint, Duration timeout) throws QmpConnectException {
        if (endpoint instanceof Endpoint.Tcp tcp) {
            return openTcp(tcp, timeout);
        }
        return openUnix((Endpoint.Unix) endpoint);
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

    private static Transport openUnix(Endpoint.Unix unix) throws QmpConnectException {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(unix.path()));
            return new ChannelTransport(channel);
        } catch (ConnectException | NoSuchFileException e) {
            closeQuietly(channel);
            throw new QmpConnectException(unix, QmpConnectException.Reason.REFUSED,
                    "nothing is listening on " + unix.text() + " (" + refusalDetail(e) + ")", e);
        } catch (IOException e) {
            closeQuietly(channel);
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
