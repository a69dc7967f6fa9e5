#pragma once

#include <QFrame>

class QLabel;

namespace omu::ui {

// The one way a page shows the outcome of its step (after KeePassXC's MessageWidget): a
// framed, word-wrapped, selectable message whose background says its state. The state is
// also the frame's "state" property, which the GUI tests read.
//   idle, busy: neutral; ok: green; failed: red; stale, cancelled: amber.
class ResultBanner : public QFrame
{
    Q_OBJECT

public:
    // `frameName` / `labelName`: the objectNames tests find the frame and its text by.
    ResultBanner(const QString& frameName, const QString& labelName, QWidget* parent = nullptr);

    void showState(const QString& state, const QString& html);
    QString state() const;
    QString text() const;
    QLabel* label() const { return m_label; }
    // A button beside the message (the next step to take), top-aligned.
    void addAction(QWidget* widget);

private:
    QLabel* m_label;
};

} // namespace omu::ui
