using AidDao.Cli.Commands;

return await AiddaoCommand.RunAsync(args).ConfigureAwait(false);
