import Foundation

extension ToolRun {
    /// Prints the output and exits with the Windows exit code (a shell sees its low 8 bits).
    public func finish() -> Never {
        FileHandle.standardOutput.write(Data(output.utf8))
        exit(Int32(bitPattern: exitCode))
    }
}
