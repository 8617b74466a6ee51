#pragma once

#include <QString>
#include <QStringList>

namespace ecalab {

// The entry of `known` a mistyped `typed` most likely meant, for "did you mean …?": one that
// differs only in case wins, else the nearest by edit distance (a swapped pair of letters counts
// as one typo) within `maxTypos` and shorter than `typed` itself; ties go to the earlier entry.
// Empty when nothing is close enough.
QString closestMatch(const QString &typed, const QStringList &known, int maxTypos);

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
int editDistance(const QString &a, const QString &b);

} // namespace ecalab
