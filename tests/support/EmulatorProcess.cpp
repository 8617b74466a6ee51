#include "EmulatorProcess.h"

#include "CliRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kStartMs = 15'000; // a loaded CI machine, or a build under AddressSanitizer
constexpr int kStopMs = 5000;
} // namespace

EmulatorProcess::~EmulatorProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(kStopMs))
        m_process.kill();
    m_process.waitForFinished(kStopMs);
}

bool EmulatorProcess::start(const QString &configDir, QString *error)
{
    if (!QFile::exists(ecalabBinary())) {
        *error = u"ECALAB_BINARY must point at the built ecalab (run the test through ctest)."_s;
        return false;
    }
    m_process.setProcessEnvironment(cliEnvironment(configDir));
    m_process.start(ecalabBinary(), {u"emulator"_s, u"--json"_s});
    if (!m_process.waitForStarted(kStartMs)) {
        *error = u"Cannot start %1: %2"_s.arg(ecalabBinary(), m_process.errorString());
        return false;
    }
    // The description is one line; reading it spins the event loop, as QProcess delivers output there.
    if (!QTest::qWaitFor([this] { return m_process.canReadLine() || m_process.state() != QProcess::Running; },
                         kStartMs) ||
        !m_process.canReadLine()) {
        *error =
            u"ecalab emulator printed no description: %1"_s.arg(QString::fromUtf8(m_process.readAllStandardError()));
        return false;
    }
    m_description = QJsonDocument::fromJson(m_process.readLine()).object();
    m_admin.setUrl(QUrl(m_description[u"admin"].toString()));
    if (m_description.isEmpty() || !myDomain().isValid() || !m_admin.url().isValid()) {
        *error = u"ecalab emulator --json printed no description object."_s;
        return false;
    }
    return true;
}

bool EmulatorProcess::stop()
{
    m_process.terminate();
    return m_process.waitForFinished(kStopMs) && m_process.exitStatus() == QProcess::NormalExit &&
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
    const QByteArray json = QJsonDocument(merged).toJson();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size())
        return {};
    return path;
}

} // namespace ecalab::test
