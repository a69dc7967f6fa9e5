#include "TuningPage.h"

#include "common/Markup.h"
#include "common/ResultBanner.h"
#include "tuning/ByteSize.h"
#include "tuning/TuningAdvisor.h"
#include "tuning/TuningSnippets.h"
#include "tuning/TuningTask.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSizePolicy>
#include <QTabWidget>
#include <QVBoxLayout>

namespace omu::ui {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QLabel* wrappingLabel(const char* name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A read-only snippet with a Copy button under it, as one tab.
QWidget* snippetTab(const char* textName, const char* buttonName, QPlainTextEdit** text,
                    QWidget* parent)
{
    auto* tab = new QWidget(parent);
    *text = new QPlainTextEdit(tab);
    (*text)->setObjectName(QString::fromLatin1(textName));
    (*text)->setReadOnly(true);
    (*text)->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    (*text)->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // Room for the longest snippet (a managed route) without crowding the page.
    (*text)->setFixedHeight(110);
    auto* copy = new QPushButton(QObject::tr("Copy"), tab);
    copy->setObjectName(QString::fromLatin1(buttonName));
    QPlainTextEdit* source = *text;
    QObject::connect(copy, &QPushButton::clicked, tab, [source, copy] {
        QGuiApplication::clipboard()->setText(source->toPlainText());
        copy->setText(QObject::tr("Copied"));
    });
    QObject::connect(source, &QPlainTextEdit::textChanged, copy,
                     [copy] { copy->setText(QObject::tr("Copy")); });
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(copy);
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(*text, 1);
    layout->addLayout(row);
    return tab;
}

} // namespace

TuningPage::TuningPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_task(new TuningTask(this))
{
    setObjectName(QStringLiteral("tuningPage"));
    setTitle(tr("Tune the database for the migration"));
    setSubTitle(tr("The migration sorts query_entity's JSON documents: with too little sort "
                   "memory MySQL fails with \u201cOut of sort memory\u201d and PostgreSQL "
                   "slows down. Set it where the migration's own connections get it; the "
                   "original is remembered and put back afterwards."));

    m_banner = wrappingLabel("tuningBanner", this);
    m_banner->setStyleSheet(QStringLiteral("background:#fff4e5; color:#663c00; padding:8px;"));
    m_banner->hide();

    // What is in force now.
    m_stateBox = new QGroupBox(tr("In force now"), this);
    m_stateBox->setObjectName(QStringLiteral("tuningStateBox"));
    m_currentValueLabel = wrappingLabel("currentValueLabel", m_stateBox);
    m_currentSourceLabel = wrappingLabel("currentSourceLabel", m_stateBox);
    m_queryEntityLabel = wrappingLabel("queryEntityLabel", m_stateBox);
    // A grid rather than a form: the values wrap and must take the whole width.
    auto* stateGrid = new QGridLayout(m_stateBox);
    stateGrid->setColumnStretch(1, 1);
    int row = 0;
    for (const auto& [title, value] : {std::pair{tr("Value:"), m_currentValueLabel},
                                       std::pair{tr("Comes from:"), m_currentSourceLabel},
                                       std::pair{tr("query_entity:"), m_queryEntityLabel}}) {
        auto* label = new QLabel(title, m_stateBox);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        value->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        stateGrid->addWidget(label, row, 0, Qt::AlignTop);
        stateGrid->addWidget(value, row, 1);
        ++row;
    }

    // The recommendation, the value to apply, and the actions.
    auto* recommendBox = new QGroupBox(tr("Recommended"), this);
    recommendBox->setObjectName(QStringLiteral("recommendationBox"));
    m_recommendationLabel = wrappingLabel("recommendationLabel", recommendBox);
    m_recommendationLabel->setTextFormat(Qt::RichText);
    m_recommendationReasonLabel = wrappingLabel("recommendationReasonLabel", recommendBox);
    m_recommendationReasonLabel->setForegroundRole(QPalette::PlaceholderText);
    m_valueEdit = new QLineEdit(recommendBox);
    m_valueEdit->setObjectName(QStringLiteral("valueEdit"));
    m_valueEdit->setPlaceholderText(tr("e.g. 20MB"));
    m_valueEdit->setMaximumWidth(160);
    auto* valueLabel = new QLabel(tr("&Value to apply:"), recommendBox);
    valueLabel->setBuddy(m_valueEdit);
    m_applyButton = new QPushButton(tr("&Apply"), recommendBox);
    m_applyButton->setObjectName(QStringLiteral("applyButton"));
    m_revertButton = new QPushButton(tr("&Revert to the original"), recommendBox);
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_refreshButton = new QPushButton(tr("Read a&gain"), recommendBox);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_progress = new QProgressBar(recommendBox);
    m_progress->setObjectName(QStringLiteral("tuningProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    auto* actions = new QHBoxLayout;
    actions->addWidget(valueLabel);
    actions->addWidget(m_valueEdit);
    actions->addWidget(m_applyButton);
    actions->addWidget(m_progress);
    actions->addStretch(1);
    actions->addWidget(m_revertButton);
    actions->addWidget(m_refreshButton);
    auto* recommendLayout = new QVBoxLayout(recommendBox);
    recommendLayout->addWidget(m_recommendationLabel);
    recommendLayout->addWidget(m_recommendationReasonLabel);
    recommendLayout->addLayout(actions);

    m_result =
        new ResultBanner(QStringLiteral("tuningResultFrame"), QStringLiteral("tuningResult"), this);

    // What this user may do, and what to do by hand.
    m_instructionsBox = new QGroupBox(tr("Rights, and doing it by hand"), this);
    m_instructionsBox->setObjectName(QStringLiteral("instructionsBox"));
    m_privilegeLabel = wrappingLabel("privilegeExplanation", m_instructionsBox);
    m_privilegeLabel->setTextFormat(Qt::RichText);
    m_snippetTabs = new QTabWidget(m_instructionsBox);
    m_snippetTabs->setObjectName(QStringLiteral("snippetTabs"));
    m_dbaTab = snippetTab("dbaSqlText", "copyDbaSqlButton", &m_dbaSqlText, m_snippetTabs);
    m_configTab =
        snippetTab("configSnippetText", "copyConfigButton", &m_configSnippetText, m_snippetTabs);
    m_managedTab = snippetTab("managedRouteText", "copyManagedRouteButton", &m_managedRouteText,
                              m_snippetTabs);
    m_snippetTabs->addTab(m_dbaTab, tr("SQL for a DBA"));
    m_snippetTabs->addTab(m_configTab, tr("Config file"));
    m_snippetTabs->addTab(m_managedTab, tr("Managed service"));
    auto* instructionsLayout = new QVBoxLayout(m_instructionsBox);
    instructionsLayout->addWidget(m_privilegeLabel);
    instructionsLayout->addWidget(m_snippetTabs);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_stateBox);
    layout->addWidget(recommendBox);
    layout->addWidget(m_result);
    layout->addWidget(m_instructionsBox);
    layout->addStretch(1);

    connect(m_applyButton, &QPushButton::clicked, this, &TuningPage::startApply);
    connect(m_revertButton, &QPushButton::clicked, this, &TuningPage::startRevert);
    connect(m_refreshButton, &QPushButton::clicked, this, &TuningPage::refresh);
    connect(m_valueEdit, &QLineEdit::returnPressed, this, &TuningPage::startApply);
    connect(m_task, &TuningTask::finished, this, &TuningPage::showTaskResult);

    m_applyButton->setEnabled(false);
    m_revertButton->setEnabled(false);
    m_instructionsBox->hide();
    setResult(QStringLiteral("idle"), QString());
}

void TuningPage::initializePage()
{
    if (!m_state->testedProfile) {
        m_banner->setText(tr("<b>No tested connection.</b> Go back to the Connection page and "
                             "press <b>Test connection</b>; this step reads and changes the "
                             "setting through that connection."));
        m_banner->show();
        m_refreshButton->setEnabled(false);
        m_applyButton->setEnabled(false);
        m_revertButton->setEnabled(false);
        return;
    }
    m_banner->hide();
    m_refreshButton->setEnabled(true);
    refresh();
}

bool TuningPage::isComplete() const
{
    return !m_task->isRunning();
}

bool TuningPage::startTask(int action, std::optional<qint64> bytes)
{
    if (!m_state->testedProfile || m_task->isRunning())
        return false;
    TuningTask::Request request;
    request.action = TuningTask::Action(action);
    request.profile = *m_state->testedProfile;
    request.dataFolder = m_state->dataFolder;
    if (m_state->inspection)
        request.managed = m_state->inspection->server.managed;
    request.bytes = bytes;
    return m_task->start(request);
}

void TuningPage::refresh()
{
    if (startTask(int(TuningTask::Action::Show)))
        setBusy(true,
                tr("Reading the value a new connection gets and measuring query_entity\u2026"));
}

void TuningPage::startApply()
{
    if (!m_applyButton->isEnabled())
        return;
    const auto bytes = ByteSize::parse(m_valueEdit->text());
    if (!bytes) {
        setResult(QStringLiteral("failed"),
                  QStringLiteral("<b>\u2717 %1</b><br>%2")
                      .arg(escaped(bytes.error().message), escaped(bytes.error().advice)));
        m_valueEdit->setFocus();
        m_valueEdit->selectAll();
        return;
    }
    if (startTask(int(TuningTask::Action::Apply), bytes.value()))
        setBusy(true, tr("Applying %1, then checking it through a new connection\u2026")
                          .arg(ByteSize::describe(bytes.value())));
}

void TuningPage::startRevert()
{
    if (startTask(int(TuningTask::Action::Revert)))
        setBusy(true, tr("Putting back the original, then checking it through a new "
                         "connection\u2026"));
}

void TuningPage::showTaskResult()
{
    setBusy(false);
    const bool changeAction = m_task->lastAction() != TuningTask::Action::Show;
    if (!changeAction)
        setResult(QStringLiteral("idle"), QString());
    const auto& report = m_task->report();
    if (report && report->ok()) {
        showReport(report->value());
    } else if (report) {
        m_currentValueLabel->setText(tr("could not be read"));
        m_applyButton->setEnabled(false);
    }
    const auto& outcome = m_task->outcome();
    if (changeAction && outcome) {
        if (outcome->ok()) {
            const auto& done = outcome->value();
            m_result->setProperty("verifiedBytes", done.verifiedBytes);
            QString title;
            if (done.status == QLatin1String("applied"))
                title =
                    tr("Applied and verified: a new connection reads %1").arg(done.verifiedValue);
            else if (done.status == QLatin1String("already-in-force"))
                title = tr("Already in force: a new connection reads %1").arg(done.verifiedValue);
            else if (done.status == QLatin1String("nothing-to-revert"))
                title = tr("Nothing to revert");
            else
                title =
                    tr("Reverted and verified: a new connection reads %1").arg(done.verifiedValue);
            QString html =
                QStringLiteral("<b>\u2713 %1</b><br>%2").arg(escaped(title), escaped(done.message));
            for (const QString& warning : done.warnings)
                html += QStringLiteral("<br>") + markup::warning(warning);
            setResult(QStringLiteral("ok"), html);
        } else {
            const Error& error = outcome->error();
            m_result->setProperty("verifiedBytes", QVariant());
            QString html = QStringLiteral("<b>\u2717 %1</b>").arg(escaped(error.message));
            if (!error.advice.isEmpty())
                html += QStringLiteral(
                            "<br><br><b>%1</b><br><span style='font-family:monospace'>%2</span>")
                            .arg(tr("What to do:"), escaped(error.advice));
            setResult(QStringLiteral("failed"), html);
        }
    } else if (report && !report->ok()) {
        setResult(QStringLiteral("failed"),
                  QStringLiteral("<b>\u2717 %1</b><br>%2")
                      .arg(escaped(report->error().message), escaped(report->error().advice)));
    }
    Q_EMIT completeChanged();
}

void TuningPage::showReport(const TuningReport& report)
{
    m_haveReport = true;
    m_currentValueLabel->setText(
        tr("%1 = %2 for a new connection of %3")
            .arg(report.parameter,
                 ByteSize::withDescription(report.newSessionBytes, report.newSessionValue),
                 report.user));
    QString source = report.sourceText;
    for (const auto& entry : report.overrides)
        if (entry.levelName() != report.source) // the one in force is named already
            source += tr("\nAlso set for %1: %2 (a stronger setting wins)")
                          .arg(entry.levelName(), entry.value);
    if (report.pending)
        source += tr("\nomupgrade set it and has not reverted it yet (original: %1).")
                      .arg(report.pending->originalSet ? report.pending->originalValue
                                                       : tr("no setting at that level"));
    m_currentSourceLabel->setText(source);
    const auto& size = report.queryEntity;
    if (size.present && size.measured)
        m_queryEntityLabel->setText(
            tr("%1, largest JSON document %2, %3 in all")
                .arg(size.rows == 1 ? tr("1 row") : tr("%1 rows").arg(size.rows),
                     ByteSize::describe(size.largestDocumentBytes),
                     ByteSize::describe(size.totalDocumentBytes)));
    else
        m_queryEntityLabel->setText(size.note);

    // After a sort-memory failure the value that failed is the better guide than the rule.
    TuningRecommendation recommendation = report.recommendation;
    bool below = report.belowRecommendation();
    if (m_state->sortMemoryFailure) {
        auto& failure = *m_state->sortMemoryFailure;
        // What failed is what a plain read finds; a report after Apply shows the new value.
        if (!failure.inForceBytes && m_task->lastAction() == TuningTask::Action::Show)
            failure.inForceBytes = report.newSessionBytes;
        const qint64 failed = failure.inForceBytes.value_or(report.newSessionBytes);
        recommendation =
            TuningAdvisor::afterSortMemoryFailure(failed, report.recommendation, report.engine);
        below = report.newSessionBytes < recommendation.bytes;
        const QString failedText = escaped(ByteSize::describe(failed));
        m_banner->setText(
            below ? tr("<b>The migration ran out of sort memory</b> with %1 = %2. Apply the "
                       "larger value below, then go on to the Migration step and press "
                       "<b>Retry</b>.")
                        .arg(escaped(report.parameter), failedText)
                  : tr("<b>The migration ran out of sort memory</b> with %1 = %2; %3 is in force "
                       "now. Go on to the Migration step and press <b>Retry</b>.")
                        .arg(escaped(report.parameter), failedText,
                             escaped(ByteSize::describe(report.newSessionBytes))));
        m_banner->show();
    } else {
        m_banner->hide();
    }
    m_recommendationLabel->setText(
        QStringLiteral("<b>%1 = %2</b> &nbsp; %3")
            .arg(escaped(report.parameter),
                 escaped(
                     ByteSize::withDescription(recommendation.bytes, recommendation.serverValue)),
                 below ? tr("<span style='color:#8a5300'>(more than now)</span>")
                       : tr("<span style='color:#2e7d32'>(what is in force already covers "
                            "it)</span>")));
    m_recommendationReasonLabel->setText(recommendation.reason);
    if (m_valueEdit->text().isEmpty() || !m_valueEdit->isModified())
        m_valueEdit->setText(ByteSize::postgresValue(recommendation.bytes));

    m_applyButton->setEnabled(report.privileges.canApply);
    m_applyButton->setToolTip(report.privileges.canApply ? QString()
                                                         : report.privileges.explanation);
    m_revertButton->setEnabled(report.pending.has_value());
    m_revertButton->setToolTip(report.pending ? QString()
                                              : tr("omupgrade has not changed this value."));

    // Rights, and the by-hand route.
    QString rights;
    if (!report.privileges.canApply)
        rights = QStringLiteral("<b>\u26a0 %1</b><br>").arg(tr("You may not change it from here."));
    rights += escaped(report.privileges.explanation);
    if (!report.privileges.missing.isEmpty())
        rights += QStringLiteral("<br><b>%1</b> %2")
                      .arg(tr("Missing:"), escaped(report.privileges.missing));
    m_privilegeLabel->setText(rights);
    // The by-hand routes carry the value suggested on this page.
    const TuningInstructions instructions =
        recommendation.bytes == report.recommendation.bytes
            ? report.instructions
            : TuningSnippets::build(report, recommendation.bytes);
    m_dbaSqlText->setPlainText(instructions.dbaSql + QStringLiteral("\n\n") +
                               instructions.dbaRevertSql);
    m_configSnippetText->setPlainText(instructions.configSnippet);
    m_managedRouteText->setPlainText(instructions.managedRoute);
    // A managed service has no config file to edit, and a managed MySQL refuses SET GLOBAL
    // whoever runs it: only the route that works is offered.
    const bool managed = report.managed.isManaged();
    setTab(m_dbaTab, !(managed && report.engine == Engine::MySql), tr("SQL for a DBA"));
    setTab(m_configTab, !managed, tr("%1 line").arg(report.instructions.configFile));
    setTab(m_managedTab, managed, report.managed.name);
    // The route that works comes first: a managed MySQL service only has its parameter group.
    if (report.managed.isManaged() && report.engine == Engine::MySql)
        m_snippetTabs->setCurrentWidget(m_managedTab);
    m_privilegeLabel->setStyleSheet(
        report.privileges.canApply
            ? QString()
            : QStringLiteral("background:#fff4e5; color:#663c00; padding:6px;"));
    m_instructionsBox->show();
    if (!report.warnings.isEmpty() && m_result->state() == QLatin1String("idle"))
        setResult(QStringLiteral("idle"),
                  QStringLiteral("<span style='color:#8a5300'>\u26a0 %1</span>")
                      .arg(escaped(report.warnings.join(QStringLiteral("\n")))));
}

void TuningPage::setTab(QWidget* tab, bool visible, const QString& title)
{
    const int index = m_snippetTabs->indexOf(tab);
    m_snippetTabs->setTabVisible(index, visible);
    m_snippetTabs->setTabText(index, title);
}

void TuningPage::setBusy(bool busy, const QString& what)
{
    m_progress->setVisible(busy);
    m_valueEdit->setEnabled(!busy);
    m_refreshButton->setEnabled(!busy && m_state->testedProfile.has_value());
    if (busy) {
        m_applyButton->setEnabled(false);
        m_revertButton->setEnabled(false);
        m_applyButton->setText(m_task->lastAction() == TuningTask::Action::Apply
                                   ? tr("Applying\u2026")
                                   : tr("&Apply"));
        m_revertButton->setText(m_task->lastAction() == TuningTask::Action::Revert
                                    ? tr("Reverting\u2026")
                                    : tr("&Revert to the original"));
        setResult(QStringLiteral("busy"), escaped(what));
    } else {
        m_applyButton->setText(tr("&Apply"));
        m_revertButton->setText(tr("&Revert to the original"));
    }
    Q_EMIT completeChanged();
}

void TuningPage::setResult(const QString& state, const QString& html)
{
    m_result->showState(state, html);
    m_result->setVisible(!html.isEmpty());
}

} // namespace omu::ui
