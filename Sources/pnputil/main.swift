import WindowsTools

PnPUtil.run(Array(CommandLine.arguments.dropFirst())).finish()
