/**
 * Small FX-thread helpers the window and its features share; they depend on nothing else of the console's, so the
 * features can use them without depending on the window that composes them.
 */
package org.coloconsole.ui.fx;
