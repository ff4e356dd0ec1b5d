using System.CommandLine;
using AidDao.Core;

namespace AidDao.Cli.Commands;

/// <summary>
/// Runs a command's body and turns every failure a person can meet into one line on standard error and a non-zero exit
/// code; stack traces are printed only when AIDDAO_DEBUG=1.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Attaches <paramref name="body"/> as <paramref name="command"/>'s action.</summary>
    public static void SetBody(this Command command, Func<CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(new CliContext(parseResult), body, cancellationToken));

    private static async Task<int> RunAsync(CliContext context, Func<CliContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("stopped.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (AidDaoInputException exception)
        {
            return await FailAsync(context, exception, ExitCodes.BadInput).ConfigureAwait(false);
        }
        catch (AidDaoException exception)
        {
            return await FailAsync(context, exception, ExitCodes.Failed).ConfigureAwait(false);
        }
        catch (Exception exception) when (RevertDecoder.Translate(exception) is AidDaoException translated)
        {
            return await FailAsync(context, translated, ExitCodes.Failed).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await context.Error.WriteLineAsync(
                $"error: unexpected {exception.GetType().Name}: {OneLine(exception.Message)} (this is a bug; run with AIDDAO_DEBUG=1 for details)").ConfigureAwait(false);
            if (Debugging) await context.Error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
            return ExitCodes.Internal;
        }
    }

    private static async Task<int> FailAsync(CliContext context, Exception exception, int code)
    {
        await context.Error.WriteLineAsync($"error: {OneLine(exception.Message)}").ConfigureAwait(false);
        if (Debugging) await context.Error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        return code;
    }

    private static bool Debugging => Environment.GetEnvironmentVariable("AIDDAO_DEBUG") == "1";

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
