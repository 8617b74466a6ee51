#include "EmulatorFixture.h"

#include <QJsonArray>
#include <QTest>

namespace ecalab::test {

using namespace Qt::Literals::StringLiterals;

EmulatorFixture::EmulatorFixture() : m_emulator(std::make_unique<emu::Emulator>())
{
    QString error;
    if (!m_emulator->start(0, &error))
        QTest::qFail(qPrintable(u"emulator did not start: "_s + error), __FILE__, __LINE__);
    m_admin.setUrl(m_emulator->adminUrl());
}

EmulatorFixture::~EmulatorFixture() = default;

QJsonObject EmulatorFixture::demoProfileJson() const
{
    return m_emulator->demoProfile();
}

Profile EmulatorFixture::demoProfile() const
{
    QString error;
    const std::optional<Profile> profile = demoProfileOf(*m_emulator, &error);
    if (!profile)
        QTest::qFail(qPrintable(u"demo profile does not parse: "_s + error), __FILE__, __LINE__);
    return profile.value_or(Profile{});
}

QString EmulatorFixture::demoRunAsUser()
{
    const QString clientId = demoProfile().clientId;
    for (const QJsonValue &app : m_admin.get(u"/state"_s).json().value(u"apps").toArray()) {
        if (app[u"clientId"].toString() == clientId)
            return app[u"clientCredentialsFlowUser"].toString();
    }
    return {};
}

std::optional<Profile> demoProfileOf(const emu::Emulator &emulator, QString *error)
{
    auto profile = Profile::fromJson(emulator.demoProfile());
    if (!profile) {
        *error = profile.error();
        return std::nullopt;
    }
    return profile.value();
}

} // namespace ecalab::test
