#include "QrCodeWidget.h"

#include <QPainter>

namespace ecalab::ui {

QrCodeWidget::QrCodeWidget(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

QString QrCodeWidget::setText(const QString &text)
{
    m_text = text;
    m_code.reset();
    QString error;
    if (!text.isEmpty()) {
        auto encoded = QrCode::encode(text.toUtf8());
        if (encoded)
            m_code = std::move(encoded.value());
        else
            error = encoded.error();
    }
    setVisible(m_code.has_value());
    setAccessibleName(m_code ? tr("QR code of %1").arg(text) : QString());
    updateGeometry();
    update();
    return error;
}

int QrCodeWidget::darkModuleCount() const
{
    int dark = 0;
    for (int y = 0; y < moduleCount(); ++y) {
        for (int x = 0; x < moduleCount(); ++x)
            dark += m_code->isDark(x, y) ? 1 : 0;
    }
    return dark;
}

QSize QrCodeWidget::sizeHint() const
{
    const int side = (moduleCount() + 2 * kQuietZone) * 5;
    return {side, side};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int side = (moduleCount() + 2 * kQuietZone) * 3; // 3 px a module still scans on a screen
    return {side, side};
}

void QrCodeWidget::paintEvent(QPaintEvent *)
{
    if (!m_code)
        return;
    const int modules = moduleCount() + 2 * kQuietZone;
    const int side = std::min(width(), height());
    const int unit = std::max(1, side / modules); // whole pixels: crisp edges scan best
    const int origin_x = (width() - unit * modules) / 2;
    const int origin_y = (height() - unit * modules) / 2;
    QPainter painter(this);
    painter.fillRect(origin_x, origin_y, unit * modules, unit * modules, Qt::white);
    for (int y = 0; y < moduleCount(); ++y) {
        for (int x = 0; x < moduleCount(); ++x) {
            if (m_code->isDark(x, y))
                painter.fillRect(origin_x + (x + kQuietZone) * unit, origin_y + (y + kQuietZone) * unit, unit, unit,
                                 Qt::black);
        }
    }
}

} // namespace ecalab::ui
