import WindowsTools

DevCon.run(Array(CommandLine.arguments.dropFirst())).finish()
