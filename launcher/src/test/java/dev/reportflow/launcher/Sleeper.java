package dev.reportflow.launcher;

/** A stand-in for a service in ProcTest: prints, then sleeps; with "stubborn" it ignores SIGTERM. */
public final class Sleeper {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("stubborn")) {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> System.out.println("ignoring SIGTERM"));
        }
        for (int i = 1; i <= 3; i++) {
            System.out.println("line " + i);
        }
        System.out.flush();
        Thread.sleep(600_000);
    }
}
