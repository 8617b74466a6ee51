#include "HeadlessMembers.h"

#include "core/RandomSource.h"

#include <QUuid>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kName = u"headless-guest"_s;
const QString kTitle = u"Headless guest (unconfirmed)"_s;

// A random (version 4) UUID from the injected source, so tests can pin it.
QString newVisitorId(RandomSource &random)
{
    QByteArray bytes = random.bytes(16);
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}
} // namespace

FlowDescriptor headlessGuestDescriptor()
{
    return headlessDescriptor(
        kName, kTitle,
        u"A guest token bound to a unique visitor ID — the request shape is not confirmed by Salesforce's docs (§6.6)"_s,
        HeadlessMember::Guest,
        {{ProfileField::Uvid, false, u"the visitor's UUID; empty: a new one each run"_s}},
        [](const Profile &profile, const FlowContext &context) -> std::unique_ptr<Flow> {
            return std::make_unique<HeadlessGuestFlow>(profile, context);
        });
}

HeadlessGuestFlow::HeadlessGuestFlow(const Profile &profile, const FlowContext &context, QObject *parent)
    : HeadlessFlow(profile, context, {HeadlessMember::Guest, kName, kTitle, kStages}, parent)
{
}

void HeadlessGuestFlow::begin()
{
    m_uvid = config().uvid.isEmpty() ? newVisitorId(random()) : config().uvid;
    setCheck(u"uvid"_s, m_uvid);
    authorize({headless::kGuest, {}, {}, {}, m_uvid});
}

} // namespace ecalab
