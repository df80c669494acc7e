package org.coloconsole.app.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports for QEMU to listen on. The port is free when asked, not reserved: another process may take it
 * before QEMU binds, which {@link LabPair#start} notices ("Address already in use") and retries with fresh ports.
 */
final class LoopbackPorts {
    private LoopbackPorts() {
    }

    static List<Integer> pick(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // holding each until all are picked keeps them distinct
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new LabException("cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a socket that fails to close still frees its port when the JVM exits
                }
            }
        }
    }
}
