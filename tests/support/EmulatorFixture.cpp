#include "EmulatorFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;

EmulatorFixture::EmulatorFixture() : m_emulator(std::make_unique<emu::Emulator>())
{
    QString error;
    if (!m_emulator->start(0, &error))
        QTest::qFail(qPrintable(u"emulator did not start: "_s + error), __FILE__, __LINE__);
}

EmulatorFixture::~EmulatorFixture() = default;

QJsonObject EmulatorFixture::demoProfileJson() const
{
    return m_emulator->demoProfile();
}

Profile EmulatorFixture::demoProfile() const
{
    auto profile = Profile::fromJson(demoProfileJson());
    if (!profile)
        QTest::qFail(qPrintable(u"demo profile does not parse: "_s + profile.error()), __FILE__, __LINE__);
    return profile ? profile.value() : Profile{};
}

namespace {
struct AdminAnswer
{
    int status = 0;
    QByteArray body;
};

AdminAnswer call(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url, const QJsonObject &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = network.sendCustomRequest(request, method, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10'000))
        QTest::qFail("admin API did not answer", __FILE__, __LINE__);
    AdminAnswer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return answer;
}
} // namespace

int EmulatorFixture::admin(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return call(m_network, method, QUrl(m_emulator->adminUrl().toString() + path), body).status;
}

QJsonObject EmulatorFixture::adminGet(const QString &path)
{
    return QJsonDocument::fromJson(call(m_network, "GET", QUrl(m_emulator->adminUrl().toString() + path), {}).body).object();
}

int EmulatorFixture::changeApp(const QString &clientId, const QJsonObject &settings)
{
    return admin("PATCH", u"/apps/"_s + clientId, settings);
}

int EmulatorFixture::changeUser(const QString &username, const QJsonObject &settings)
{
    return admin("PATCH", u"/users/"_s + username, settings);
}

int EmulatorFixture::injectFault(const QJsonObject &fault)
{
    return admin("POST", u"/faults"_s, fault);
}

QString EmulatorFixture::demoRunAsUser()
{
    const QString clientId = demoProfile().clientId;
    const QJsonObject state = adminGet(u"/state"_s);
    for (const QJsonValue &app : state.value(u"apps").toArray()) {
        if (app[u"clientId"].toString() == clientId)
            return app[u"clientCredentialsFlowUser"].toString();
    }
    return {};
}

} // namespace ecalab::test
