#include "EcalabProcesses.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace ecalab::e2e {

namespace {
constexpr int kEmulatorStartMs = 15'000;
constexpr int kAdminTimeoutMs = 10'000;

void stopProcess(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000))
        process.kill();
    process.waitForFinished(5000);
}
} // namespace

QString ecalabBinary()
{
    return qEnvironmentVariable("ECALAB_BINARY");
}

QProcessEnvironment ecalabEnvironment(const QString &configDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"ECALAB_CONFIG_DIR"_s, configDir);
    env.insert(u"ECALAB_SECRET_STORE"_s, u"memory"_s);
    env.remove(u"ECALAB_CLIENT_SECRET"_s);
    // Nothing of ours may open the desktop's browser during a test.
    env.remove(u"BROWSER"_s);
    return env;
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

EmulatorProcess::~EmulatorProcess()
{
    stopProcess(m_process);
}

bool EmulatorProcess::start(const QString &configDir, QString *error)
{
    if (!QFile::exists(ecalabBinary())) {
        *error = u"ECALAB_BINARY must point at the built ecalab (run the test through ctest)."_s;
        return false;
    }
    m_process.setProgram(ecalabBinary());
    m_process.setArguments({u"emulator"_s, u"--json"_s});
    m_process.setProcessEnvironment(ecalabEnvironment(configDir));
    m_process.start();
    if (!m_process.waitForStarted(kEmulatorStartMs)) {
        *error = u"Cannot start %1: %2"_s.arg(ecalabBinary(), m_process.errorString());
        return false;
    }
    if (!QTest::qWaitFor([this] { return m_process.canReadLine() || m_process.state() != QProcess::Running; },
                         kEmulatorStartMs) ||
        !m_process.canReadLine()) {
        *error =
            u"ecalab emulator printed no description: %1"_s.arg(QString::fromUtf8(m_process.readAllStandardError()));
        return false;
    }
    m_description = QJsonDocument::fromJson(m_process.readLine()).object();
    if (m_description.isEmpty() || !myDomain().isValid()) {
        *error = u"ecalab emulator --json printed no description object."_s;
        return false;
    }
    return true;
}

bool EmulatorProcess::stop()
{
    m_process.terminate();
    return m_process.waitForFinished(5000) && m_process.exitStatus() == QProcess::NormalExit &&
           m_process.exitCode() == 0;
}

QString EmulatorProcess::userName() const
{
    return profile()[u"username"].toString();
}

QString EmulatorProcess::userPassword() const
{
    const QJsonArray users = m_description[u"users"].toArray();
    for (const QJsonValue &user : users) {
        if (user[u"username"].toString().compare(userName(), Qt::CaseInsensitive) == 0)
            return user[u"password"].toString();
    }
    return {};
}

QString EmulatorProcess::writeProfile(const QString &directory, const QJsonObject &changes) const
{
    QJsonObject merged = profile();
    for (auto it = changes.begin(); it != changes.end(); ++it)
        merged.insert(it.key(), it.value());
    const QString path = QDir(directory).filePath(u"demo-profile.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(merged).toJson());
    return path;
}

QNetworkReply *EmulatorProcess::adminRequest(const QByteArray &method, const QString &pathAndQuery,
                                             const QJsonObject &body)
{
    const QUrl url(myDomain().toString(QUrl::StripTrailingSlash) + u"/__emulator"_s + pathAndQuery);
    QNetworkRequest request(url);
    request.setTransferTimeout(kAdminTimeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    reply->deleteLater();
    return reply;
}

int EmulatorProcess::admin(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return adminRequest(method, path, body)->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QJsonDocument EmulatorProcess::adminGet(const QString &pathAndQuery)
{
    return QJsonDocument::fromJson(adminRequest("GET", pathAndQuery, {})->readAll());
}

CliRun::~CliRun()
{
    stopProcess(m_process);
}

bool CliRun::start(const QStringList &arguments, const QProcessEnvironment &environment)
{
    m_process.setProcessEnvironment(environment);
    m_process.start(ecalabBinary(), arguments);
    return m_process.waitForStarted(kEmulatorStartMs);
}

void CliRun::drain()
{
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
}

bool CliRun::waitForStderr(const std::function<bool(const QString &)> &done, int timeoutMs)
{
    bool satisfied = false;
    const bool settled = QTest::qWaitFor(
        [&] {
            drain();
            satisfied = done(QString::fromUtf8(m_stderr));
            return satisfied || m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    return settled && satisfied;
}

bool CliRun::waitForExit(int timeoutMs)
{
    const bool exited = QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
    drain();
    return exited && m_process.exitStatus() == QProcess::NormalExit;
}

QJsonObject CliRun::json() const
{
    return QJsonDocument::fromJson(m_stdout).object();
}

} // namespace ecalab::e2e
