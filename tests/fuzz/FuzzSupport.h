#pragma once

// Shared by the fuzz targets: the input as Qt types, and the one way an invariant fails.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace ecalab::fuzz {

// The bytes stay owned by the engine; every target copies them once, so a parser that keeps a
// view past the call is still caught by ASan on the copy.
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// A broken invariant is a crash for the engine (and a failed replay in ctest): abort() with why.
[[noreturn]] inline void broken(const char *what)
{
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

inline void require(bool holds, const char *what)
{
    if (!holds)
        broken(what);
}

// Splits an input at the first occurrence of `separator`: two parts of one input for targets that
// take two values (a header and a body, a key and a value). No separator: all of it is `first`.
struct Halves
{
    QByteArray first;
    QByteArray second;
};
inline Halves splitAt(const QByteArray &input, char separator)
{
    const qsizetype at = input.indexOf(separator);
    if (at < 0)
        return {input, {}};
    return {input.left(at), input.mid(at + 1)};
}

} // namespace ecalab::fuzz
