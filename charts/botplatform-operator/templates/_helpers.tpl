{{/* Name of the chart, overridable. */}}
{{- define "botplatform-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: the release name when it already holds the chart name. */}}
{{- define "botplatform-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "botplatform-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that never change for a release's pods: the Deployment selector. */}}
{{- define "botplatform-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "botplatform-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "botplatform-operator.labels" -}}
helm.sh/chart: {{ include "botplatform-operator.chart" . }}
{{ include "botplatform-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: botplatform
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The CRD carries its own name/part-of labels from its TypeScript source; add only the release's. */}}
{{- define "botplatform-operator.crdLabels" -}}
helm.sh/chart: {{ include "botplatform-operator.chart" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "botplatform-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "botplatform-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "botplatform-operator.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if hasPrefix "sha256:" $tag }}
{{- printf "%s@%s" .Values.image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/* values.schema.json says the same; this also catches --set on a chart copy without the schema. */}}
{{- define "botplatform-operator.validate" -}}
{{- if and (gt (int .Values.replicas) 1) (not .Values.leaderElection.enabled) }}
{{- fail "replicas > 1 needs leaderElection.enabled: two active operators would fight over every object" }}
{{- end }}
{{- end }}
