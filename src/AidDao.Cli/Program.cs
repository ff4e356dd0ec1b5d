using System.CommandLine;
using System.Runtime.InteropServices;
using AidDao.Cli.Commands;

// Ctrl-C and SIGTERM cancel the running command, which then cleans up (for `up`: shuts its local chain down).
// A second Ctrl-C terminates at once.
using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
}
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

return await AiddaoCommand.RunAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token).ConfigureAwait(false);
