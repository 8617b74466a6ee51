#include "SalesforceCli.h"

#include "FreePort.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace ecalab::e2e {

namespace {
constexpr int kStartMs = 15'000;

bool writeFile(const QString &path, const QByteArray &content, QFileDevice::Permissions permissions)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size() &&
           file.setPermissions(permissions);
}
} // namespace

SalesforceCli::~SalesforceCli()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString SalesforceCli::program()
{
    return qEnvironmentVariable("ECALAB_SF_CLI");
}

bool SalesforceCli::prepare(QString *error)
{
    if (!QFile::exists(program())) {
        *error = u"ECALAB_SF_CLI must point at the installed sf (tests/e2e/salesforce-cli/install.sh)."_s;
        return false;
    }
    m_port = ecalab::test::freeLoopbackPort();
    const QDir project(m_project.path());
    const QByteArray projectJson =
        R"({"packageDirectories":[{"path":"force-app","default":true}],"sourceApiVersion":"62.0","oauthLocalPort":)" +
        QByteArray::number(m_port) + '}';
    m_openedUrlsFile = QDir(m_home.path()).filePath(u"opened-urls.txt"_s);
    const QByteArray browser = "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + m_openedUrlsFile.toUtf8() + "'\n";
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const bool ok = m_home.isValid() && m_project.isValid() && m_port != 0 && project.mkpath(u"force-app"_s) &&
                    writeFile(project.filePath(u"sfdx-project.json"_s), projectJson, owner) &&
                    writeFile(QDir(m_home.path()).filePath(u"open-url.sh"_s), browser, owner | QFileDevice::ExeOwner);
    if (!ok)
        *error = u"Cannot prepare the CLI's home and project in %1 and %2."_s.arg(m_home.path(), m_project.path());
    return ok;
}

QUrl SalesforceCli::callbackUrl() const
{
    return QUrl(u"http://localhost:%1/OauthRedirect"_s.arg(m_port));
}

QProcessEnvironment SalesforceCli::environment(const QMap<QString, QString> &extra) const
{
    // Only what the CLI needs: no DISPLAY or desktop variables (so xdg-open falls back to
    // $BROWSER), nothing of the user's home or keyring.
    QProcessEnvironment env;
    env.insert(u"PATH"_s, qEnvironmentVariable("PATH")); // node
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"BROWSER"_s, QDir(m_home.path()).filePath(u"open-url.sh"_s));
    env.insert(u"SF_USE_GENERIC_UNIX_KEYCHAIN"_s, u"true"_s);
    env.insert(u"SF_LOG_LEVEL"_s, u"debug"_s); // ~/.sf/sf-<date>.log, quoted by transcript()
    for (const QString &off : {u"SF_DISABLE_TELEMETRY"_s, u"SF_AUTOUPDATE_DISABLE"_s, u"SF_SKIP_NEW_VERSION_CHECK"_s,
                               u"SF_DISABLE_AUTOUPDATE"_s})
        env.insert(off, u"true"_s);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

bool SalesforceCli::start(const QStringList &arguments, const QByteArray &input, const QMap<QString, QString> &env)
{
    m_stdout.clear();
    m_stderr.clear();
    m_arguments = arguments;
    QFile::remove(m_openedUrlsFile);
    m_process.setProcessEnvironment(environment(env));
    m_process.setWorkingDirectory(m_project.path());
    m_process.start(program(), arguments);
    if (!m_process.waitForStarted(kStartMs))
        return false;
    m_process.write(input);
    m_process.closeWriteChannel();
    return true;
}

QUrl SalesforceCli::waitForOpenedUrl(int timeoutMs)
{
    QUrl opened;
    (void)QTest::qWaitFor( // the URL says whether it came
        [&] {
            QFile file(m_openedUrlsFile);
            const QByteArray lines = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            if (lines.contains('\n')) // the script's line is whole
                opened = QUrl(QString::fromUtf8(lines.left(lines.indexOf('\n'))), QUrl::StrictMode);
            m_stdout += m_process.readAllStandardOutput();
            m_stderr += m_process.readAllStandardError();
            return opened.isValid() || m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    return opened;
}

bool SalesforceCli::waitForExit(int timeoutMs)
{
    const bool exited = QTest::qWaitFor(
        [this] {
            m_stdout += m_process.readAllStandardOutput();
            m_stderr += m_process.readAllStandardError();
            return m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    return exited && m_process.exitStatus() == QProcess::NormalExit;
}

bool SalesforceCli::run(const QStringList &arguments, int timeoutMs, const QMap<QString, QString> &env)
{
    return start(arguments, {}, env) && waitForExit(timeoutMs);
}

QJsonObject SalesforceCli::json() const
{
    // The secret prompt draws on stdout before the result; the result starts a line with '{'.
    for (qsizetype at = m_stdout.lastIndexOf("{\n"); at >= 0; at = m_stdout.lastIndexOf("{\n", at - 1)) {
        const QJsonDocument doc = QJsonDocument::fromJson(m_stdout.mid(at));
        if (doc.isObject())
            return doc.object();
        if (at == 0)
            break;
    }
    return {};
}

QString SalesforceCli::transcript() const
{
    QByteArray log;
    const QDir logs(QDir(m_home.path()).filePath(u".sf"_s));
    for (const QString &name : logs.entryList({u"sf-*.log"_s}, QDir::Files)) {
        QFile file(logs.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            log += file.readAll();
    }
    const bool running = m_process.state() != QProcess::NotRunning;
    return u"sf %1 (%2)\n--- stdout ---\n%3\n--- stderr ---\n%4\n--- the CLI's log ---\n%5"_s
        .arg(m_arguments.join(u' '))
        .arg(running ? u"still running"_s : u"exit %1"_s.arg(m_process.exitCode()))
        .arg(QString::fromUtf8(m_stdout.right(2000)), QString::fromUtf8(m_stderr.right(2000)),
             QString::fromUtf8(log.right(3000)));
}

} // namespace ecalab::e2e
