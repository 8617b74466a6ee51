#include "FlowRegistry.h"

#include <algorithm>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
// Optimal string alignment distance: enough to catch a typo or a swapped pair of letters.
int editDistance(const QString &a, const QString &b)
{
    std::vector<std::vector<int>> d(size_t(a.size()) + 1, std::vector<int>(size_t(b.size()) + 1));
    for (qsizetype i = 0; i <= a.size(); ++i)
        d[size_t(i)][0] = int(i);
    for (qsizetype j = 0; j <= b.size(); ++j)
        d[0][size_t(j)] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            int best = std::min({d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                                 d[size_t(i - 1)][size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                best = std::min(best, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = best;
        }
    }
    return d[size_t(a.size())][size_t(b.size())];
}
} // namespace

QString FlowDescriptor::helpText() const
{
    QString text = u"ecalab run %1 — %2\n  %3\n"_s.arg(name, title, summary);
    if (!available())
        return text + u"  Not built into this version yet.\n"_s;
    text += u"\nProfile fields (--profile FILE|NAME, --set KEY=VALUE):\n"_s;
    for (const FlowFieldUse &use : fields)
        text += u"  %1 %2 %3\n"_s.arg(profileFieldKey(use.field).leftJustified(26), use.required ? u"required"_s : u"optional"_s,
                                      use.meaning);
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
    for (FlowDescriptor &planned : plannedFlowDescriptors())
        add(std::move(planned));
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

QStringList FlowRegistry::names(bool availableOnly) const
{
    QStringList out;
    for (const auto &d : m_descriptors) {
        if (!availableOnly || d->available())
            out.append(d->name);
    }
    return out;
}

QString FlowRegistry::closestName(const QString &typed) const
{
    constexpr int kMaxTypos = 3;
    QString best;
    int bestDistance = kMaxTypos + 1;
    for (const auto &d : m_descriptors) {
        const int distance = editDistance(typed.toLower(), d->name);
        if (distance < bestDistance) {
            best = d->name;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace ecalab
