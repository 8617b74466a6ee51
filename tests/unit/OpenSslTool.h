#pragma once

// The `openssl` command line as an independent second implementation: fixtures are made by it and
// signatures cross-checked with it, so the code under test never only agrees with itself.

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStringList>

namespace ecalab::test {

struct ToolResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return exitCode == 0; }
};

// Runs `openssl ARGS…` in `workDir` (empty: the current directory), with `input` on stdin.
inline ToolResult openssl(const QStringList &args, const QString &workDir = {}, const QByteArray &input = {})
{
    QProcess process;
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
    process.start(QStringLiteral("openssl"), args);
    ToolResult result;
    if (!process.waitForStarted(10'000)) {
        result.err = "openssl could not be started: " + process.errorString().toUtf8();
        return result;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        result.err = "openssl did not finish in 60 s";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace ecalab::test
