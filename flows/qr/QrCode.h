#pragma once

#include "core/Expected.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace ecalab {

// A QR code made with libqrencode (byte mode, error correction M), as a square of modules that the
// window paints and the CLI prints. Encoding is the only thing that can fail (text too long).
class QrCode
{
public:
    static Expected<QrCode, QString> encode(const QByteArray &text);

    int size() const { return m_size; } // modules per side, without the quiet zone
    bool isDark(int x, int y) const;    // false outside the square
    // Two rows per line with half blocks (▀ ▄ █), light modules as spaces, a 2-module quiet
    // zone, for a terminal with a dark-on-light or light-on-dark theme alike (inverted = true
    // paints the dark modules as spaces instead).
    QString toUnicodeBlocks(bool inverted = false) const;

private:
    QrCode(int size, std::vector<bool> modules) : m_size(size), m_modules(std::move(modules)) {}
    int m_size = 0;
    std::vector<bool> m_modules;
};

} // namespace ecalab
