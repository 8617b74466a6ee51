#pragma once

#include "qr/QrCode.h"

#include <QWidget>

#include <optional>

namespace ecalab::ui {

// A QR code painted module by module, dark on white whatever the theme (phone cameras need the
// contrast), with the 4-module quiet zone of ISO/IEC 18004 §6.3.8. Scales with the widget.
class QrCodeWidget : public QWidget
{
    Q_OBJECT
public:
    explicit QrCodeWidget(QWidget *parent = nullptr);

    // Encodes `text`; on failure (too long) shows nothing and returns the reason.
    QString setText(const QString &text);
    QString text() const { return m_text; }
    int moduleCount() const { return m_code ? m_code->size() : 0; } // modules per side, 0 when empty
    int darkModuleCount() const;
    const std::optional<QrCode> &code() const { return m_code; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    static constexpr int kQuietZone = 4;
    QString m_text;
    std::optional<QrCode> m_code;
};

} // namespace ecalab::ui
