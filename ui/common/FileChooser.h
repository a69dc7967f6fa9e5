#pragma once

#include <QFileDialog>
#include <QString>
#include <QStringList>

namespace omu::ui::filechooser {

// Every Browse button goes through here. Qt's own (non-native) dialog is used everywhere,
// with an icon provider that names files by their extension only: the stock one reads a
// file's first bytes to guess its type, and reading /proc/kmsg blocks for ever, so one
// visit to /proc could hang the dialog and, when it closes, the whole window. Nor does a
// dialog start in, or keep in its history, /proc, /sys or /dev.

QString openFile(QWidget* parent, const QString& caption, const QString& start,
                 const QString& filter);
QStringList openFiles(QWidget* parent, const QString& caption, const QString& start,
                      const QString& filter);
QString folder(QWidget* parent, const QString& caption, const QString& start);

// The pieces above, for the tests.
// True for a path in a kernel pseudo file system (/proc, /sys, /dev).
bool isPseudoFileSystem(const QString& path);
// Where a dialog opens for `start` (a file or a folder, may be empty): its nearest
// existing folder, or the home folder for nothing usable or a pseudo file system.
QString startFolder(const QString& start);
// Sets the options, the icon provider, the start folder and a clean history on `dialog`.
void prepare(QFileDialog& dialog, const QString& start);

} // namespace omu::ui::filechooser
