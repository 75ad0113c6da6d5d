package dev.httptunnel.agent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * A usage error as the one error and a pointer to {@code --help}: printed after it, the whole usage text
 * pushed the error off the screen. Shared by the agent's and the local gateway's commands.
 */
public final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    /** {@code commandLine}, its usage errors handled so. */
    public static CommandLine installOn(CommandLine commandLine) {
        return commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    }

    @Override
    public int handleParseException(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + problem.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return command.getExitCodeExceptionMapper() != null
                ? command.getExitCodeExceptionMapper().getExitCode(problem)
                : command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
