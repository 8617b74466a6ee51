#pragma once

#include <QString>

class QAbstractButton;

namespace ecalab::ui {

// How long a copy button says "Copied" before it shows its own text again.
inline constexpr int copiedFeedbackMs = 1500;

// Puts text on the clipboard and confirms it on the button that asked: a button with text reads
// "Copied" for copiedFeedbackMs, an icon-only button shows "Copied" as its tooltip for as long;
// either way screen readers hear "Copied" (UX.md: every action answers). A second copy while the
// confirmation shows restarts it and still restores the original text. button may be null (a
// keyboard shortcut, a menu): the text is copied and announced to the focused widget.
void copyWithFeedback(QAbstractButton *button, const QString &text);

// The text or tooltip the button had before its confirmation; its current one when none shows.
QString originalCopyButtonText(const QAbstractButton *button);

} // namespace ecalab::ui
