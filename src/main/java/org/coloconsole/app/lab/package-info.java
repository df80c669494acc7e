/** A local COLO lab pair of real QEMU processes on loopback. */
package org.coloconsole.app.lab;
