#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace ecalab::ui {

// One wording per verdict, so the Token and Decoded tabs never contradict each other.
// `check` is a key of Flow::checks(): "id_token" or "signature"; `verdict` its value.
QLabel *verdictBadge(const QString &check, const QString &verdict, QWidget *parent);

} // namespace ecalab::ui
