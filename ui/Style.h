#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

class QLabel;

namespace ecalab::ui {

// Small presentation helpers shared by the panels; colours are tinted from the system palette so
// light and dark themes both read well.
enum class Tone { Neutral, Info, Positive, Warning, Negative };

QColor toneColor(Tone tone);
QColor blend(const QColor &a, const QColor &b, qreal amountOfB);
bool isDark(const QPalette &palette);
QFont monospaceFont();
QString mutedColorName(const QPalette &palette);

// Secondary text: the window text colour blended toward the background (still enabled and selectable).
void makeMuted(QWidget *widget);

// "1 exchange", "3 exchanges"
QString countText(qsizetype count, const QString &one, const QString &many);

// A rounded, tinted label: the verdict badges of the Token tab.
void makeBadge(QLabel *label, Tone tone, const QString &iconName, const QString &html);

} // namespace ecalab::ui
