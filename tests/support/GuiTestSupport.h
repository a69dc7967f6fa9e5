#pragma once

// What every GUI test does: find widgets by objectName (a missing name is a broken test,
// not a skipped check: stop with the name) and, when OMU_SCREENSHOT_DIR is set, save a PNG
// of a state so that people can look at it.
#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace omu::test {

template <typename T> T* findWidget(QWidget* root, const char* name)
{
    T* widget = root->findChild<T*>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no widget named %s", name);
    return widget;
}

// Saves <OMU_SCREENSHOT_DIR>/<name>.png; false only when saving failed.
inline bool saveScreenshot(QWidget* widget, const QString& name)
{
    const QString folder = qEnvironmentVariable("OMU_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return true;
    QDir().mkpath(folder);
    // Let layouts catch up with the last change: a wrapped label in a scroll area takes
    // more than one pass (its width settles, then its height).
    for (int pass = 0; pass < 3; ++pass)
        QApplication::processEvents();
    return widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

// What a dialog said and which button answered it.
struct DialogSeen
{
    QString objectName; // the dialog's
    QString text;       // a message box's text and informative text
    bool answered = false;
};

// Answers the next modal dialog (a question the code under test is about to ask, whose
// exec() blocks the test) by clicking its button named `buttonName`, from a timer. A
// dialog without that button is left open and reported through `seen` (answered false);
// the test then fails on `seen` rather than hanging: after 20 s the dialog is closed.
// Asking again retires an earlier answer still waiting (one whose dialog never came, as
// when a test checks that nothing asks): it would otherwise answer the next test's dialog.
inline std::shared_ptr<DialogSeen> answerNextDialog(const char* buttonName)
{
    static QPointer<QTimer> waiting;
    if (waiting) {
        waiting->stop();
        waiting->deleteLater();
    }
    auto seen = std::make_shared<DialogSeen>();
    auto* poll = new QTimer;
    waiting = poll;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    const QString name = QString::fromLatin1(buttonName);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, seen, clock, name] {
        QWidget* dialog = QApplication::activeModalWidget();
        if (!dialog) {
            if (clock->elapsed() > 20'000) {
                poll->stop();
                poll->deleteLater();
            }
            return;
        }
        seen->objectName = dialog->objectName();
        if (auto* box = qobject_cast<QMessageBox*>(dialog))
            seen->text = box->text() + QLatin1Char('\n') + box->informativeText();
        // Stopped now: deleteLater() waits for this nested event loop to end.
        poll->stop();
        poll->deleteLater();
        // Every question a test answers is also a screenshot, numbered in the order asked.
        static int asked = 0;
        saveScreenshot(dialog,
                       QStringLiteral("dialog-%1-%2-%3-x%4")
                           .arg(QCoreApplication::applicationName())
                           .arg(++asked, 2, 10, QLatin1Char('0'))
                           .arg(dialog->objectName(),
                                qEnvironmentVariable("QT_SCALE_FACTOR", QStringLiteral("1"))));
        if (auto* button = dialog->findChild<QAbstractButton*>(name)) {
            seen->answered = true;
            button->click();
        } else {
            qWarning("dialog %s has no button %s", qPrintable(dialog->objectName()),
                     qPrintable(name));
            QMetaObject::invokeMethod(dialog, "reject", Qt::QueuedConnection);
        }
    });
    poll->start(20);
    return seen;
}

} // namespace omu::test
