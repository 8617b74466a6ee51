#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ecalab {

// JSON numbers are doubles and may be anything (1e300 is valid JSON); casting one that no qint64
// holds is undefined behaviour. These truncate toward zero like the cast, and clamp.

// Whole numbers up to ±2^53, where a double still counts in ones (API limits, counts).
inline constexpr qint64 kMaxExactJsonInteger = qint64(1) << 53;
inline qint64 jsonInteger(double value)
{
    if (std::isnan(value))
        return 0;
    const double limit = double(kMaxExactJsonInteger);
    return qint64(std::trunc(std::clamp(value, -limit, limit)));
}

// Epoch seconds (exp, nbf, iat): ±10^15 s is 31 million years, beyond any real time yet with room
// for the clock-skew and millisecond arithmetic done on them.
inline constexpr qint64 kMaxEpochSeconds = 1'000'000'000'000'000;
inline qint64 jsonEpochSeconds(double value)
{
    return std::clamp(jsonInteger(value), -kMaxEpochSeconds, kMaxEpochSeconds);
}

// The number when it is whole and within [min, max], else nothing: the range is checked before the
// cast, so a field that must be a small count refuses 7e18 instead of wrapping or trapping.
inline std::optional<qint64> jsonWholeNumber(double value, qint64 min, qint64 max)
{
    if (std::isnan(value) || value != std::trunc(value) || value < double(min) || value > double(max))
        return std::nullopt;
    return qint64(value);
}

// Whether a double is a whole number a qint64 holds exactly, so it can be shown without ".0" or "e+".
inline bool isExactJsonInteger(double value)
{
    return jsonWholeNumber(value, -kMaxExactJsonInteger, kMaxExactJsonInteger).has_value();
}

} // namespace ecalab
