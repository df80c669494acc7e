/** Composition and entry points: the session the CLI and the window open over the engine, the CLI, profiles. */
package org.coloconsole.app;
