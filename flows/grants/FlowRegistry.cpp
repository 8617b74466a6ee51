#include "FlowRegistry.h"

#include "core/Closest.h"

#include <algorithm>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

QString FlowDescriptor::helpText() const
{
    QString text = u"ecalab run %1 — %2\n  %3\n"_s.arg(name, title, summary);
    text += u"\nProfile fields (--profile FILE|NAME, --set KEY=VALUE):\n"_s;
    for (const FlowFieldUse &use : fields)
        text += u"  %1 %2 %3\n"_s.arg(profileFieldKey(use.field).leftJustified(26), use.required ? u"required"_s : u"optional"_s,
                                      use.meaning);
    for (const FlowFieldNote &note : notes)
        text += u"  %1 not used %2\n"_s.arg(profileFieldKey(note.field).leftJustified(26), note.note);
    text += waitsForPerson ? u"\n--timeout SECONDS bounds each request (exit 3) and the wait on the person (exit 4).\n"_s
                           : u"\n--timeout SECONDS bounds each request (exit 3).\n"_s;
    return text;
}

FlowRegistry &FlowRegistry::instance()
{
    static FlowRegistry registry;
    return registry;
}

FlowRegistry::FlowRegistry()
{
    add(clientCredentialsDescriptor());
    add(webServerDescriptor());
    add(deviceDescriptor());
    add(jwtBearerDescriptor());
    add(refreshDescriptor());
    add(headlessLoginDescriptor());
    add(headlessRegistrationDescriptor());
    add(passwordlessLoginDescriptor());
    add(forgotPasswordDescriptor());
    add(headlessGuestDescriptor());
}

void FlowRegistry::add(FlowDescriptor descriptor)
{
    auto owned = std::make_unique<FlowDescriptor>(std::move(descriptor));
    for (auto &existing : m_descriptors) {
        if (existing->name == owned->name) {
            existing = std::move(owned);
            return;
        }
    }
    m_descriptors.push_back(std::move(owned));
}

void FlowRegistry::remove(const QString &name)
{
    std::erase_if(m_descriptors, [&](const auto &d) { return d->name == name; });
}

const FlowDescriptor *FlowRegistry::find(const QString &name) const
{
    for (const auto &d : m_descriptors) {
        if (d->name == name)
            return d.get();
    }
    return nullptr;
}

QList<const FlowDescriptor *> FlowRegistry::all() const
{
    QList<const FlowDescriptor *> out;
    for (const auto &d : m_descriptors)
        out.append(d.get());
    return out;
}

QStringList FlowRegistry::names() const
{
    QStringList out;
    for (const auto &d : m_descriptors)
        out.append(d->name);
    return out;
}

QString FlowRegistry::closestName(const QString &typed) const
{
    constexpr int kMaxTypos = 3; // "web-sever", "devcie", "client-credential"
    return closestMatch(typed, names(), kMaxTypos);
}

} // namespace ecalab
