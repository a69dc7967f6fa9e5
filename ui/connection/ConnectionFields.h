#pragma once

#include "connection/ConnectionResolver.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace omu::ui {

// The connection's fields (engine, host, port, database, schema, user, password, TLS, CA
// file, timeout), each with where its value came from ("from openmetadata.yaml:57").
class ConnectionFields : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionFields(QWidget* parent = nullptr);

    void showResolved(const ResolvedConnection& resolved); // no edited() while filling
    ConnectionProfile profile() const;
    QString hostAndPort() const;
    bool passwordMissing() const;
    void focusPassword();
    void setEditable(bool editable);

Q_SIGNALS:
    void edited();

private:
    void updateEngineDependentFields();

    QComboBox* m_engineCombo;
    QLineEdit* m_hostEdit;
    QSpinBox* m_portSpin;
    QLineEdit* m_databaseEdit;
    QLineEdit* m_schemaEdit;
    QLineEdit* m_userEdit;
    QLineEdit* m_passwordEdit;
    QComboBox* m_tlsCombo;
    QLineEdit* m_caFileEdit;
    QSpinBox* m_timeoutSpin;
    QMap<QString, QLabel*> m_originLabels; // field -> "from openmetadata.yaml:57"
    bool m_filling = false;                // true while showResolved() writes the fields
};

} // namespace omu::ui
