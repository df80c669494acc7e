package org.coloconsole;

/** Entry point: builds the object graph in one place and hands over to the CLI or the console window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("COLO Console");
    }
}
