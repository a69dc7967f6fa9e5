#pragma once

#include <QGroupBox>

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace omu {
struct TuningReport;
}

namespace omu::ui {

class ResultBanner;

// "Rights, and doing it by hand": whether this user may change the setting, and the
// routes that work without omupgrade — SQL for a DBA, the config-file line, the managed
// service's parameter group — each with a Copy button, carrying the value suggested.
class TuningInstructionsBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit TuningInstructionsBox(QWidget* parent = nullptr);

    void showReport(const TuningReport& report, qint64 suggestedBytes);

private:
    QWidget* snippetTab(const char* textName, const char* buttonName, QPlainTextEdit** text);
    void setTab(QWidget* tab, bool visible, const QString& title);

    ResultBanner* m_privilegeBanner; // who may change the setting, amber when not us
    QTabWidget* m_tabs;
    QWidget* m_dbaTab;
    QWidget* m_configTab;
    QWidget* m_managedTab;
    QPlainTextEdit* m_dbaSqlText;
    QPlainTextEdit* m_configSnippetText;
    QPlainTextEdit* m_managedRouteText;
};

} // namespace omu::ui
