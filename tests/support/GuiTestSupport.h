#pragma once

// What every GUI test does: find widgets by objectName (a missing name is a broken test,
// not a skipped check: stop with the name) and, when OMU_SCREENSHOT_DIR is set, save a PNG
// of a state so that people can look at it.
#include <QApplication>
#include <QDir>
#include <QString>
#include <QWidget>

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
    QApplication::processEvents(); // let layouts catch up with the last change
    return widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

} // namespace omu::test
