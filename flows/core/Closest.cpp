#include "core/Closest.h"

#include <algorithm>
#include <vector>

namespace ecalab {

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

QString closestMatch(const QString &typed, const QStringList &known, int maxTypos)
{
    if (typed.isEmpty())
        return {};
    for (const QString &candidate : known) {
        if (candidate.compare(typed, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    // As many typos as letters typed would make any short word "close" ("x" → "gui").
    const int limit = std::min(maxTypos, int(typed.size()) - 1);
    QString best;
    int bestDistance = limit + 1;
    const QString lowered = typed.toLower();
    for (const QString &candidate : known) {
        const int distance = editDistance(lowered, candidate.toLower());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace ecalab
