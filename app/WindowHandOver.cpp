#include "WindowHandOver.h"

#include "Console.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <vector>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
// This program's own directory, without QCoreApplication (none exists yet: the window program
// must be the one to create its QApplication). /proc/self/exe is exact on Linux; argv[0]
// elsewhere, which shells and launchers set to the path they ran.
QString ownDirectory(const char *argv0)
{
    const QFileInfo self(u"/proc/self/exe"_s);
    if (self.exists())
        return QFileInfo(self.canonicalFilePath()).absolutePath();
    return QFileInfo(QString::fromLocal8Bit(argv0)).absolutePath();
}

// Where the window program may be, relative to this one: beside it (the build tree, Windows,
// the macOS bundle), then the installed place (ECALAB_WINDOW_FROM_BIN, e.g.
// ../libexec/ecalab/ecalab-window on Linux; set by app/CMakeLists.txt).
QStringList windowCandidates(const QString &dir)
{
    QStringList candidates{QDir(dir).filePath(QStringLiteral(ECALAB_WINDOW_FILE_NAME))};
    const QString installed = QDir::cleanPath(QDir(dir).filePath(QStringLiteral(ECALAB_WINDOW_FROM_BIN)));
    if (!candidates.contains(installed))
        candidates.append(installed);
    return candidates;
}

int notFound(const QStringList &looked)
{
    printErr(u"ecalab: the window program is not installed (looked for %1). Reinstall ECA Lab, or use "
             "\"ecalab run\" for the command line.\n"_s.arg(looked.join(u" and "_s)));
    return 2;
}
} // namespace

int handOverToWindow(int argc, char **argv)
{
    const QStringList candidates = windowCandidates(ownDirectory(argv[0]));
    for (const QString &candidate : candidates) {
        const QFileInfo file(candidate);
        if (!file.isFile() || !file.isExecutable())
            continue;
        const QByteArray path = QFile::encodeName(file.absoluteFilePath());
#ifdef Q_OS_UNIX
        std::vector<char *> arguments(argv, argv + argc);
        arguments.push_back(nullptr);
        arguments.front() = const_cast<char *>(path.constData());
        execv(path.constData(), arguments.data());
        printErr(u"ecalab: could not start the window program %1: %2\n"_s.arg(file.absoluteFilePath(),
                                                                              QString::fromLocal8Bit(std::strerror(errno))));
        return 1;
#else
        QStringList arguments;
        for (int i = 1; i < argc; ++i)
            arguments.append(QString::fromLocal8Bit(argv[i]));
        if (QProcess::startDetached(file.absoluteFilePath(), arguments))
            return 0;
        printErr(u"ecalab: could not start the window program %1.\n"_s.arg(file.absoluteFilePath()));
        return 1;
#endif
    }
    return notFound(candidates);
}

} // namespace ecalab::app
